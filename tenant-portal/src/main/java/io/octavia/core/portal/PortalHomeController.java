package io.octavia.core.portal;

import java.util.List;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsoleContributions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The tenant portal's landing page: a dashboard of the panels modules contribute.
 */
@Controller
class PortalHomeController {

	private final List<ConsoleContribution> dashboard;

	PortalHomeController(ObjectProvider<ConsoleContribution> contributions) {
		this.dashboard = ConsoleContributions.select(contributions.stream().toList(), Console.PORTAL, Slot.DASHBOARD);
	}

	@GetMapping("/portal")
	String home(Model model) {
		model.addAttribute("dashboard", this.dashboard);
		return "portal/home";
	}

}
