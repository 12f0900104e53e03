package io.octavia.core.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the layout of every page of one console needs: navigation, text direction and the
 * languages to switch to; and the console's error page for refusals of its controllers.
 * Each console declares a subclass as its {@code @ControllerAdvice}, ordered ahead of the
 * API's problem handler, which would answer the refusals as JSON.
 */
public abstract class ConsoleShell {

	private final Console console;

	private final List<ConsoleContribution> navigation;

	private final MessageSource messages;

	protected ConsoleShell(Console console, ObjectProvider<ConsoleContribution> contributions, MessageSource messages) {
		this.console = console;
		this.messages = messages;
		this.navigation = ConsoleContributions.select(contributions.stream().toList(), console, Slot.NAVIGATION);
	}

	@ModelAttribute
	public void addLayoutAttributes(Model model, Locale locale, HttpServletRequest request) {
		addLayoutAttributes(model.asMap(), locale, request);
	}

	/**
	 * A refusal: the console's error page for a person navigating, a localized problem
	 * for htmx (shown as a toast).
	 */
	@ExceptionHandler(DomainProblem.class)
	public Object problem(DomainProblem refusal, Locale locale, HttpServletRequest request) {
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
		model.put("console", this.console == Console.ADMIN ? "admin" : "portal");
	}

}
