package io.octavia.core.portal;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsoleContributions;
import io.octavia.core.platform.web.SupportedLocales;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every tenant portal page needs: navigation, text direction and the
 * languages to switch to.
 */
@ControllerAdvice(basePackageClasses = PortalConsoleModel.class)
class PortalConsoleModel {

	private final List<ConsoleContribution> navigation;

	PortalConsoleModel(ObjectProvider<ConsoleContribution> contributions) {
		this.navigation = ConsoleContributions.select(contributions.stream().toList(), Console.PORTAL, Slot.NAVIGATION);
	}

	@ModelAttribute
	void addLayoutAttributes(Model model, Locale locale, HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		model.addAttribute("navigation", this.navigation);
		model.addAttribute("currentNavigation", ConsoleContributions.current(this.navigation, path).orElse(null));
		model.addAttribute("rtl", SupportedLocales.isRightToLeft(locale));
		model.addAttribute("supportedLocales", SupportedLocales.ALL);
	}

}
