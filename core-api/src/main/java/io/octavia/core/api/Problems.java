package io.octavia.core.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import io.octavia.core.platform.DomainProblem;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem documents: a stable {@code code}, a {@code type} URI naming it
 * ({@code /problems/<code>}, listed in docs/problems.md), title and detail localized for
 * the caller from {@code api.problem.<code>.*}, and the request id to quote to support.
 * Used by the MVC exception handler and by filters that answer before MVC runs.
 */
@Component
public class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final MessageSource messages;

	private final JsonMapper json;

	Problems(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	/** A field error of a validation problem; {@code message} is already localized. */
	public record FieldError(String field, String message) {
	}

	public ProblemDetail of(int status, String code, Object... arguments) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status));
		problem.setType(URI.create("/problems/" + code));
		problem.setTitle(messages.getMessage("api.problem." + code + ".title", null, code, locale));
		problem.setDetail(messages.getMessage("api.problem." + code + ".detail", arguments, "", locale));
		problem.setProperty("code", code);
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return problem;
	}

	public ProblemDetail of(DomainProblem domainProblem) {
		ProblemDetail problem = of(domainProblem.kind().status(), domainProblem.code(),
				domainProblem.arguments().toArray());
		if (!domainProblem.fields().isEmpty()) {
			problem.setProperty("errors",
					domainProblem.fields()
						.stream()
						.map(f -> new FieldError(f.field(), message(f.messageKey(), f.arguments().toArray())))
						.toList());
		}
		domainProblem.properties().forEach(problem::setProperty);
		return problem;
	}

	public ProblemDetail validation(List<FieldError> errors) {
		ProblemDetail problem = of(400, "validation_failed", errors.size());
		problem.setProperty("errors", errors);
		return problem;
	}

	public String message(String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
	}

	/** Writes a problem straight to the response, for code that runs before MVC. */
	public void write(HttpServletResponse response, ProblemDetail problem, Map<String, String> headers)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		headers.forEach(response::setHeader);
		json.writeValue(response.getOutputStream(), problem);
	}

}
