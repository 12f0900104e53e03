package io.octavia.core.admin.status;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsoleContributions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The platform status panel of the operator dashboard. The dashboard loads the fragment
 * with htmx; the same URL opened in the browser shows it as a page of its own.
 */
@Controller
@RequestMapping(PlatformStatusController.URL)
class PlatformStatusController {

	static final String URL = "/admin/fragments/platform-status";

	private static final String VIEW = "admin/status/platform-status";

	private final Environment environment;

	private final ObjectProvider<BuildProperties> buildProperties;

	private final Clock clock;

	private final List<ConsoleContribution> contributions;

	PlatformStatusController(Environment environment, ObjectProvider<BuildProperties> buildProperties,
			ObjectProvider<Clock> clock, ObjectProvider<ConsoleContribution> contributions) {
		this.environment = environment;
		this.buildProperties = buildProperties;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
		this.contributions = contributions.stream().toList();
	}

	@HxRequest
	@GetMapping
	String panel(Model model, Locale locale) {
		model.addAttribute("status", status(locale));
		return VIEW + " :: panel";
	}

	@GetMapping
	String page(Model model, Locale locale) {
		model.addAttribute("status", status(locale));
		return VIEW;
	}

	private PlatformStatus status(Locale locale) {
		BuildProperties build = this.buildProperties.getIfAvailable();
		String[] active = this.environment.getActiveProfiles();
		List<String> profiles = Arrays.asList((active.length > 0) ? active : this.environment.getDefaultProfiles());
		List<String> roles = Arrays
			.asList(this.environment.getProperty("octavia.roles", String[].class, new String[0]));
		ZonedDateTime now = ZonedDateTime.now(this.clock);
		String nowText = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.LONG)
			.withLocale(locale)
			.withDecimalStyle(DecimalStyle.of(locale))
			.format(now);
		return new PlatformStatus((build != null) ? build.getVersion() : null, Runtime.version().toString(), profiles,
				roles, now, nowText, count(Slot.NAVIGATION), count(Slot.DASHBOARD));
	}

	private int count(Slot slot) {
		return ConsoleContributions.select(this.contributions, Console.ADMIN, slot).size();
	}

}
