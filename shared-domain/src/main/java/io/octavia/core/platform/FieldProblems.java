package io.octavia.core.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;

/**
 * Collects what is wrong with a command, field by field, and refuses it as one
 * {@code validation_failed} problem, so the caller fixes every field in one round trip.
 * Bean Validation constraints name their message key in braces ({@code message =
 * "{api.field.tenant.slug}"}); rules that annotations cannot express are added by hand.
 */
public final class FieldProblems {

	private final List<DomainProblem.FieldProblem> problems = new ArrayList<>();

	public FieldProblems add(String field, String messageKey, Object... arguments) {
		DomainProblem.FieldProblem problem = new DomainProblem.FieldProblem(field, messageKey, List.of(arguments));
		// two constraints with one message (size and pattern of a slug) say it once
		if (!problems.contains(problem)) {
			problems.add(problem);
		}
		return this;
	}

	public FieldProblems addAll(Collection<? extends ConstraintViolation<?>> violations) {
		violations.stream()
			.sorted(java.util.Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
			.forEach(violation -> {
				String field = violation.getPropertyPath().toString();
				String template = violation.getMessageTemplate();
				if (template.startsWith("{api.") && template.endsWith("}")) {
					add(field, template.substring(1, template.length() - 1));
				}
				else {
					add(field, "api.problem.invalid_value.detail", field);
				}
			});
		return this;
	}

	public boolean has(String field) {
		return problems.stream().anyMatch(problem -> problem.field().equals(field));
	}

	public boolean isEmpty() {
		return problems.isEmpty();
	}

	/** Throws a {@code validation_failed} problem listing every field, if any failed. */
	public void throwIfAny() {
		if (!problems.isEmpty()) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(problems.size()),
					problems, Map.of());
		}
	}

}
