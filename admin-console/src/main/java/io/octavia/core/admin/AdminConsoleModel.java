package io.octavia.core.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsoleContributions;
import io.octavia.core.platform.web.ConsoleProblem;
import io.octavia.core.platform.web.SupportedLocales;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the layout of every operator console page needs: navigation, text direction and
 * the languages to switch to; and the console's error page for refusals of its
 * controllers (ahead of the API's problem handler, which answers them as JSON).
 */
@ControllerAdvice(basePackageClasses = AdminConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminConsoleModel {

	private final List<ConsoleContribution> navigation;

	private final MessageSource messages;

	AdminConsoleModel(ObjectProvider<ConsoleContribution> contributions, MessageSource messages) {
		this.messages = messages;
		this.navigation = ConsoleContributions.select(contributions.stream().toList(), Console.ADMIN, Slot.NAVIGATION);
	}

	@ModelAttribute
	void addLayoutAttributes(Model model, Locale locale, HttpServletRequest request) {
		addLayoutAttributes(model.asMap(), locale, request);
	}

	/**
	 * A refusal: the console's error page for a person navigating, a localized problem
	 * for htmx (shown as a toast).
	 */
	@ExceptionHandler(DomainProblem.class)
	Object problem(DomainProblem refusal, Locale locale, HttpServletRequest request) {
		ConsoleProblem problem = ConsoleProblem.of(refusal);
		if (request.getHeader("HX-Request") != null) {
			ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(problem.status()),
					messages.getMessage(problem.detailKey(), problem.args(), problem.code(), locale));
			detail.setTitle(messages.getMessage(problem.titleKey(), null, problem.code(), locale));
			detail.setProperty("code", problem.code());
			return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
		}
		ModelAndView page = new ModelAndView("ui/problem", HttpStatusCode.valueOf(problem.status()));
		addLayoutAttributes(page.getModelMap(), locale, request);
		page.addObject("problem", problem);
		return page;
	}

	private void addLayoutAttributes(Map<String, Object> model, Locale locale, HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		model.put("navigation", this.navigation);
		model.put("currentNavigation", ConsoleContributions.current(this.navigation, path).orElse(null));
		model.put("rtl", SupportedLocales.isRightToLeft(locale));
		model.put("supportedLocales", SupportedLocales.ALL);
		model.put("console", "admin");
	}

}
