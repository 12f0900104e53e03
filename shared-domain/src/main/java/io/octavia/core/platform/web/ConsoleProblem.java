package io.octavia.core.platform.web;

import java.util.List;

import io.octavia.core.platform.DomainProblem;

/**
 * A refusal as a console shows it: the error page of the console (a person navigating) or
 * the localized problem an htmx request turns into a toast. The texts are the API's
 * problem messages, {@code api.problem.<code>.title} and {@code .detail}.
 *
 * @param status the HTTP status
 * @param code the stable problem code, shown for support
 * @param arguments the arguments of the detail message
 */
public record ConsoleProblem(int status, String code, List<Object> arguments) {

	public ConsoleProblem {
		arguments = List.copyOf(arguments);
	}

	public static ConsoleProblem of(DomainProblem problem) {
		return new ConsoleProblem(problem.kind().status(), problem.code(), problem.arguments());
	}

	public String titleKey() {
		return "api.problem." + code + ".title";
	}

	public String detailKey() {
		return "api.problem." + code + ".detail";
	}

	public Object[] args() {
		return arguments.toArray();
	}

}
