package io.octavia.core.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every language has every message, and nothing else: a key added to one bundle only, an
 * empty translation or a translation that drops an argument fails the build instead of
 * showing a raw key or an English sentence to a reader of another language.
 */
class MessageBundlesTests {

	private static final String BASE = "messages.properties";

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

	private static Map<String, Map<String, String>> bundles;

	@BeforeAll
	static void loadBundles() throws IOException {
		bundles = new TreeMap<>();
		List<String> duplicates = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:i18n/messages*.properties")) {
			String name = Objects.requireNonNull(resource.getFilename());
			Map<String, String> messages = new TreeMap<>();
			// Properties.load keeps the last of two equal keys silently; catch them here
			Properties properties = new Properties() {

				@Override
				public synchronized Object put(Object key, Object value) {
					if (messages.put((String) key, (String) value) != null) {
						duplicates.add(name + ": " + key);
					}
					return super.put(key, value);
				}

			};
			try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			bundles.put(name, messages);
		}
		assertThat(duplicates).as("keys defined twice in one bundle").isEmpty();
	}

	@Test
	void everySupportedLanguageHasABundle() {
		assertThat(bundles.keySet()).contains(BASE, "messages_de.properties", "messages_fr.properties",
				"messages_es.properties", "messages_fa.properties");
	}

	@Test
	void translationsHaveExactlyTheKeysOfTheBaseBundle() {
		Set<String> base = base().keySet();
		List<String> problems = new ArrayList<>();
		translations().forEach((name, messages) -> {
			missing(base, messages.keySet()).forEach((key) -> problems.add(name + " lacks " + key));
			missing(messages.keySet(), base)
				.forEach((key) -> problems.add(name + " has " + key + " unknown to " + BASE));
		});
		assertThat(problems).isEmpty();
	}

	@Test
	void noMessageIsEmpty() {
		List<String> empty = new ArrayList<>();
		bundles.forEach((name, messages) -> messages.forEach((key, value) -> {
			if (value.isBlank()) {
				empty.add(name + ": " + key);
			}
		}));
		assertThat(empty).isEmpty();
	}

	@Test
	void translationsUseTheArgumentsOfTheBaseBundle() {
		List<String> problems = new ArrayList<>();
		translations().forEach((name, messages) -> base().forEach((key, value) -> {
			String translation = messages.get(key);
			if (translation != null && !arguments(value).equals(arguments(translation))) {
				problems.add(name + ": " + key + " uses " + arguments(translation) + " instead of " + arguments(value));
			}
		}));
		assertThat(problems).isEmpty();
	}

	private static Map<String, String> base() {
		return Objects.requireNonNull(bundles.get(BASE), BASE + " not found on the classpath");
	}

	private static Map<String, Map<String, String>> translations() {
		Map<String, Map<String, String>> translations = new TreeMap<>(bundles);
		translations.remove(BASE);
		return translations;
	}

	private static Set<String> missing(Set<String> expected, Set<String> actual) {
		Set<String> missing = new TreeSet<>(expected);
		missing.removeAll(actual);
		return missing;
	}

	private static Set<Integer> arguments(String message) {
		Set<Integer> arguments = new TreeSet<>();
		Matcher matcher = ARGUMENT.matcher(message);
		while (matcher.find()) {
			arguments.add(Integer.valueOf(matcher.group(1)));
		}
		return arguments;
	}

}
