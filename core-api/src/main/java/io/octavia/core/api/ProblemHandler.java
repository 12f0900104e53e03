package io.octavia.core.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.octavia.core.platform.DomainProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every error of the API and of htmx requests becomes a localized
 * {@code application/problem+json} with a stable code: never a 5xx for bad input, never a
 * stack trace. A browser navigating to a missing console page gets the HTML error page.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final Problems problems;

	private final long maxBodyBytes;

	ProblemHandler(Problems problems, ApiProperties properties) {
		this.problems = problems;
		this.maxBodyBytes = properties.maxBodyBytes();
	}

	@ExceptionHandler(DomainProblem.class)
	ResponseEntity<Object> domainProblem(DomainProblem ex) {
		return respond(problems.of(ex));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(problems.validation(List.of(new Problems.FieldError(ex.getName(),
				problems.message("api.problem.invalid_value.detail", ex.getName())))));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
		List<Problems.FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage()))
			.toList();
		return respond(problems.validation(errors));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		return respond(problems.of(500, "internal_error", String.valueOf(MDC.get("requestId"))));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problems.validation(fieldErrors(ex.getBindingResult())));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Problems.FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors
					.add(new Problems.FieldError(String.valueOf(result.getMethodParameter().getParameterName()),
							String.valueOf(error.getDefaultMessage())))));
		return respond(problems.validation(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof BodySizeLimitFilter.PayloadTooLargeException) {
				return respond(problems.of(413, "payload_too_large", maxBodyBytes));
			}
		}
		if (ex.getCause() instanceof InvalidFormatException invalid) {
			String field = path(invalid);
			return respond(problems.validation(List
				.of(new Problems.FieldError(field, problems.message("api.problem.invalid_value.detail", field)))));
		}
		return respond(problems.of(400, "malformed_json"));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problems.of(400, "missing_parameter", ex.getParameterName()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		HttpHeaders allow = new HttpHeaders();
		if (ex.getSupportedHttpMethods() != null) {
			allow.setAllow(ex.getSupportedHttpMethods());
		}
		return ResponseEntity.status(405)
			.headers(allow)
			.contentType(Problems.PROBLEM_JSON)
			.body(problems.of(405, "method_not_allowed", ex.getMethod()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problems.of(415, "unsupported_media_type", String.valueOf(ex.getContentType())));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problems.of(406, "not_acceptable"));
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problems.of(413, "payload_too_large", maxBodyBytes));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest && wantsHtmlPage(nativeRequest)) {
			HttpServletResponse response = nativeRequest.getNativeResponse(HttpServletResponse.class);
			try {
				if (response != null) {
					response.sendError(404);
					return null;
				}
			}
			catch (IOException ignored) {
				// the client went away; nothing left to answer
			}
		}
		return respond(problems.of(404, "not_found"));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		int status = statusCode.value();
		String code = switch (status) {
			case 400 -> "malformed_json";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 406 -> "not_acceptable";
			case 413 -> "payload_too_large";
			case 415 -> "unsupported_media_type";
			default -> (status >= 500) ? "internal_error" : "invalid_value";
		};
		if (status >= 500) {
			log.error("Request failed", ex);
		}
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(Problems.PROBLEM_JSON)
			.body(problems.of(status, code, String.valueOf(MDC.get("requestId"))));
	}

	private ResponseEntity<Object> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(Problems.PROBLEM_JSON).body(problem);
	}

	private List<Problems.FieldError> fieldErrors(BindingResult result) {
		List<Problems.FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach(error -> errors
				.add(new Problems.FieldError(error.getField(), String.valueOf(error.getDefaultMessage()))));
		result.getGlobalErrors()
			.forEach(error -> errors
				.add(new Problems.FieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
		return errors;
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach(reference -> {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.isEmpty() ? "body" : path.toString();
	}

	/** A person's browser opening a console page (not the API, not htmx). */
	private static boolean wantsHtmlPage(NativeWebRequest request) {
		HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
		if (servletRequest == null || servletRequest.getRequestURI().startsWith("/api/")
				|| servletRequest.getHeader("HX-Request") != null) {
			return false;
		}
		String accept = servletRequest.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains("text/html");
	}

}
