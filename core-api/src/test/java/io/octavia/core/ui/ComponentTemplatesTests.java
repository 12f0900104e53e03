package io.octavia.core.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.octavia.core.platform.web.Flash;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared console components that no page exercises yet, rendered on their own: flash
 * messages after a redirect and the empty dashboard.
 */
class ComponentTemplatesTests {

	private static final Locale GERMAN = Locale.GERMAN;

	private static SpringTemplateEngine engine;

	private static ResourceBundleMessageSource messages;

	@BeforeAll
	static void templateEngine() {
		ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
		templates.setPrefix("templates/");
		templates.setSuffix(".html");
		templates.setCharacterEncoding("UTF-8");
		messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		engine = new SpringTemplateEngine();
		engine.setTemplateResolver(templates);
		engine.setTemplateEngineMessageSource(messages);
	}

	@Test
	void flashShowsItsMessageInTheReadersLanguage() {
		Document html = render("flash", Map.of("flash", Flash.success("ui.error.title", 404)));
		assertThat(html.select("p.alert.alert-success[role=status]").text())
			.isEqualTo(messages.getMessage("ui.error.title", new Object[] { 404 }, GERMAN));
	}

	@Test
	void errorFlashInterruptsTheReader() {
		Document html = render("flash", Map.of("flash", Flash.error("ui.toast.request_failed")));
		assertThat(html.select("p.alert.alert-error[role=alert]").text())
			.isEqualTo(messages.getMessage("ui.toast.request_failed", null, GERMAN));
	}

	@Test
	void noFlashNoAlert() {
		assertThat(render("flash", Map.of()).select(".alert")).isEmpty();
	}

	@Test
	void emptyDashboardExplainsWherePanelsComeFrom() {
		Document html = render("dashboard", Map.of("panels", List.of()));
		assertThat(html.select("section[hx-get]")).isEmpty();
		assertThat(html.select(".empty-state-title").text())
			.isEqualTo(messages.getMessage("ui.dashboard.empty.title", null, GERMAN));
	}

	private static Document render(String fragment, Map<String, Object> variables) {
		return Jsoup.parse(engine.process("ui/components", Set.of(fragment), new Context(GERMAN, variables)));
	}

}
