package io.octavia.core.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates contain no human text of their own: every word a reader sees comes from a
 * message key ({@code th:text="#{…}"}), and every key a template names exists. Scans
 * every {@code templates/**}{@code /*.html} on the classpath, so both consoles and the
 * shared components are covered.
 */
class TemplateLiteralsTests {

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	private static final Pattern INLINE_EXPRESSION = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]", Pattern.DOTALL);

	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([\\w.-]+)\\s*[(}]");

	private static final Pattern MESSAGES_CALL = Pattern.compile("#messages\\.msg\\w*\\(\\s*'([\\w.-]+)'");

	private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\\|[^|]*\\|");

	private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\d_]*");

	// attributes a person reads or hears
	private static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "placeholder", "alt", "label", "aria-label",
			"aria-description", "aria-placeholder", "aria-roledescription", "aria-valuetext");

	private static final Set<String> BUTTON_INPUTS = Set.of("submit", "button", "reset");

	// Thymeleaf/SpEL words that are syntax, not text
	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "gt", "lt", "ge", "le", "eq", "ne", "true",
			"false", "null");

	private static Map<String, String> templates;

	private static Properties baseMessages;

	@BeforeAll
	static void load() throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		templates = new LinkedHashMap<>();
		for (Resource resource : resolver.getResources("classpath*:templates/**/*.html")) {
			try (InputStream in = resource.getInputStream()) {
				templates.put(resource.getURL().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		baseMessages = new Properties();
		try (Reader reader = new InputStreamReader(
				resolver.getResource("classpath:i18n/messages.properties").getInputStream(), StandardCharsets.UTF_8)) {
			baseMessages.load(reader);
		}
	}

	@Test
	void scansTheTemplatesOfBothConsolesAndTheSharedOnes() {
		assertThat(templates.keySet()).anyMatch((url) -> url.endsWith("templates/admin/layout.html"))
			.anyMatch((url) -> url.endsWith("templates/portal/layout.html"))
			.anyMatch((url) -> url.endsWith("templates/error.html"));
	}

	@Test
	void templatesContainNoLiteralText() {
		List<String> literals = new ArrayList<>();
		templates.forEach((url, html) -> literals.addAll(literals(url, html)));
		assertThat(literals).isEmpty();
	}

	@Test
	void everyMessageKeyATemplateUsesExists() {
		List<String> missing = new ArrayList<>();
		templates.forEach((url, html) -> missingKeys(html)
			.forEach((key) -> missing.add(name(url) + ": #{" + key + "} is not in messages.properties")));
		assertThat(missing).isEmpty();
	}

	@Test
	void findsTextInElementBodies() {
		assertThat(literals("t.html", "<p>Hello</p><p th:text=\"#{ui.loading}\">Loading</p>")).hasSize(2);
	}

	@Test
	void findsTextInReadableAttributes() {
		assertThat(literals("t.html", """
				<img alt="Logo"><input placeholder="Name"><button aria-label="Close"></button>
				<input type="submit" value="Save"><a title="Home"></a><body data-msg-error="Oops">
				""")).hasSize(6);
	}

	@Test
	void findsTextInThymeleafLiterals() {
		assertThat(literals("t.html", """
				<p th:text="'Welcome'"></p><p th:text="|Hello ${name}|"></p><p th:title="${x} ? 'Yes'"></p>
				""")).hasSize(3);
	}

	@Test
	void acceptsMessagesExpressionsAndSymbols() {
		assertThat(literals("t.html", """
				<title th:text="|#{admin.home.title} · #{ui.product.name}|"></title>
				<p th:text="#{${'ui.locale.' + locale.language}}"></p><p>[[#{ui.loading}]] &times; 42</p>
				<span th:text="${status}"></span><p th:text="${flag} ? #{ui.loading} : #{ui.dismiss}"></p>
				<a th:href="|?lang=${language}|" class="btn">&rarr;</a>
				""")).isEmpty();
	}

	@Test
	void findsMissingKeys() {
		assertThat(missingKeys("<p th:text=\"#{no.such.key}\"></p><p th:title=\"#{ui.loading}\"></p>"))
			.containsExactly("no.such.key");
	}

	private static List<String> literals(String url, String html) {
		List<String> literals = new ArrayList<>();
		Document document = Jsoup.parse(html);
		for (Element element : document.getAllElements()) {
			for (TextNode text : element.textNodes()) {
				String visible = INLINE_EXPRESSION.matcher(text.getWholeText()).replaceAll("");
				if (LETTER.matcher(visible).find()) {
					literals.add(name(url) + ": text \"" + visible.strip() + "\" in <" + element.tagName() + ">");
				}
			}
			for (Attribute attribute : element.attributes()) {
				String key = attribute.getKey();
				if (isReadable(element, key) && LETTER.matcher(attribute.getValue()).find()) {
					literals.add(name(url) + ": " + key + "=\"" + attribute.getValue() + "\" on <" + element.tagName()
							+ ">");
				}
				else if (isThymeleafText(element, key)) {
					literalInExpression(attribute.getValue()).ifPresent((literal) -> literals
						.add(name(url) + ": " + key + " contains " + literal + " on <" + element.tagName() + ">"));
				}
			}
		}
		return literals;
	}

	private static boolean isReadable(Element element, String attribute) {
		return TEXT_ATTRIBUTES.contains(attribute) || attribute.startsWith("data-msg-") || attribute.equals("value")
				&& element.tagName().equals("input") && BUTTON_INPUTS.contains(element.attr("type"));
	}

	private static boolean isThymeleafText(Element element, String attribute) {
		return attribute.equals("th:text") || attribute.equals("th:utext")
				|| attribute.startsWith("th:") && isReadable(element, attribute.substring(3));
	}

	/**
	 * A quoted, substituted or bare-word literal left once all expressions are removed.
	 */
	private static Optional<String> literalInExpression(String expression) {
		String rest = withoutExpressions(expression);
		Matcher quoted = QUOTED.matcher(rest);
		while (quoted.find()) {
			if (LETTER.matcher(quoted.group()).find()) {
				return Optional.of(quoted.group());
			}
		}
		Matcher word = WORD.matcher(QUOTED.matcher(rest).replaceAll(""));
		while (word.find()) {
			if (!KEYWORDS.contains(word.group())) {
				return Optional.of(word.group());
			}
		}
		return Optional.empty();
	}

	/**
	 * Removes {@code #{…}}, {@code ${…}}, {@code *{…}}, {@code @{…}}, {@code ~{…}},
	 * nesting included.
	 */
	private static String withoutExpressions(String expression) {
		StringBuilder rest = new StringBuilder();
		int depth = 0;
		for (int i = 0; i < expression.length(); i++) {
			char c = expression.charAt(i);
			boolean opens = "#$*@~".indexOf(c) >= 0 && i + 1 < expression.length() && expression.charAt(i + 1) == '{';
			if (opens) {
				depth++;
				i++;
			}
			else if (depth > 0 && c == '{') {
				depth++;
			}
			else if (depth > 0 && c == '}') {
				depth--;
			}
			else if (depth == 0) {
				rest.append(c);
			}
		}
		return rest.toString();
	}

	private static List<String> missingKeys(String html) {
		List<String> missing = new ArrayList<>();
		for (Pattern pattern : List.of(LITERAL_KEY, MESSAGES_CALL)) {
			Matcher matcher = pattern.matcher(html);
			while (matcher.find()) {
				if (!baseMessages.containsKey(matcher.group(1)) && !missing.contains(matcher.group(1))) {
					missing.add(matcher.group(1));
				}
			}
		}
		return missing;
	}

	private static String name(String url) {
		int templatesAt = url.lastIndexOf("templates/");
		return (templatesAt >= 0) ? url.substring(templatesAt) : url;
	}

}
