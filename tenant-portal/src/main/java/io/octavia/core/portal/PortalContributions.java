package io.octavia.core.portal;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's own contributions, declared the same way a module declares its own.
 */
@Configuration(proxyBeanMethods = false)
class PortalContributions {

	@Bean
	ConsoleContribution portalHomeNavigation() {
		return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "home", "portal.nav.home", "/portal", 0);
	}

	@Bean
	ConsoleContribution portalWelcomePanel() {
		return new ConsoleContribution(Console.PORTAL, Slot.DASHBOARD, "welcome", "portal.welcome.title",
				"/portal/fragments/welcome", 0);
	}

}
