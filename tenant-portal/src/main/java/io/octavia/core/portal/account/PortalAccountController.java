package io.octavia.core.portal.account;

import io.octavia.core.identity.web.AccountPage;
import io.octavia.core.identity.web.AccountPageController;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The signed-in person's own account in the tenant portal. */
@Controller
@RequestMapping(PortalAccountController.URL)
class PortalAccountController extends AccountPageController {

	static final String URL = "/portal/account";

	PortalAccountController(AccountPage account) {
		super(account, URL, "portal/account/account");
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalAccountNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "account", "portal.nav.account", URL, 90);
		}

	}

}
