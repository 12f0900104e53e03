package io.octavia.core.admin.account;

import io.octavia.core.identity.web.AccountPage;
import io.octavia.core.identity.web.AccountPageController;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The signed-in person's own account in the operator console. */
@Controller
@RequestMapping(AdminAccountController.URL)
class AdminAccountController extends AccountPageController {

	static final String URL = "/admin/account";

	AdminAccountController(AccountPage account) {
		super(account, URL, "admin/account/account");
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminAccountNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "account", "admin.nav.account", URL, 90);
		}

	}

}
