package io.octavia.core.admin;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's own contributions, declared the same way a module declares its own.
 */
@Configuration(proxyBeanMethods = false)
class AdminContributions {

	@Bean
	ConsoleContribution adminOverviewNavigation() {
		return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "overview", "admin.nav.overview", "/admin", 0);
	}

	@Bean
	ConsoleContribution adminPlatformStatusPanel() {
		return new ConsoleContribution(Console.ADMIN, Slot.DASHBOARD, "platform-status", "admin.status.title",
				"/admin/fragments/platform-status", 0);
	}

}
