package io.octavia.core.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octavia.core.platform.DomainProblem;

/**
 * What is wrong with a submitted console form, as message keys the page renders next to
 * each field in the reader's language. Built from the domain's refusal: its field
 * problems, and conflicts that concern one field (a taken slug) shown at that field.
 *
 * @param fields problems by form field
 * @param form problems of the form as a whole
 */
public record FormErrors(Map<String, List<Message>> fields, List<Message> form) {

	private static final FormErrors NONE = new FormErrors(Map.of(), List.of());

	public FormErrors {
		fields = Map.copyOf(fields);
		form = List.copyOf(form);
	}

	public static FormErrors none() {
		return NONE;
	}

	/**
	 * The problem as form errors, or the problem itself rethrown when it is not about the
	 * form (a missing record or a refusal: those get the error page).
	 * @param conflicts problem codes that belong to one form field, e.g.
	 * {@code tenant_slug_taken → slug}
	 * @param renames domain field paths that the form names differently, e.g.
	 * {@code sender.fromEmail → fromEmail}; list indexes ({@code hostnames[2]}) are
	 * dropped first
	 */
	public static FormErrors of(DomainProblem problem, Map<String, String> conflicts, Map<String, String> renames) {
		Message detail = new Message("api.problem." + problem.code() + ".detail", problem.arguments());
		if (conflicts.containsKey(problem.code())) {
			return new FormErrors(Map.of(conflicts.get(problem.code()), List.of(detail)), List.of());
		}
		if (problem.fields().isEmpty()) {
			switch (problem.kind()) {
				case UNAUTHORIZED, FORBIDDEN, NOT_FOUND -> throw problem;
				default -> {
					return new FormErrors(Map.of(), List.of(detail));
				}
			}
		}
		Map<String, List<Message>> fields = new LinkedHashMap<>();
		for (DomainProblem.FieldProblem field : problem.fields()) {
			String path = field.field().replaceAll("\\[\\d+]", "");
			fields.computeIfAbsent(renames.getOrDefault(path, path), name -> new ArrayList<>())
				.add(new Message(field.messageKey(), field.arguments()));
		}
		return new FormErrors(fields, List.of());
	}

	/** A single problem of one field, found by the console itself. */
	public static FormErrors field(String field, String messageKey, Object... arguments) {
		return new FormErrors(Map.of(field, List.of(new Message(messageKey, List.of(arguments)))), List.of());
	}

	public boolean any() {
		return !fields.isEmpty() || !form.isEmpty();
	}

	public boolean has(String field) {
		return fields.containsKey(field);
	}

	/** The problems of {@code field}; empty when it has none. */
	public List<Message> of(String field) {
		return fields.getOrDefault(field, List.of());
	}

	/**
	 * A message key and its arguments.
	 *
	 * @param key the message key
	 * @param arguments its arguments
	 */
	public record Message(String key, List<Object> arguments) {

		public Message {
			arguments = List.copyOf(arguments);
		}

		/** The arguments as {@code #messages.msgWithParams} takes them. */
		public Object[] args() {
			return arguments.toArray();
		}

	}

}
