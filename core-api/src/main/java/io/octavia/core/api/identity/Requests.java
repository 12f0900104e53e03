package io.octavia.core.api.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.DomainProblem;

/** Reading the identity API's query parameters and enum fields, with field problems. */
final class Requests {

	private Requests() {
	}

	static TenantRole role(@Nullable String value, String field) {
		TenantRole role = optionalRole(value, field);
		if (role == null) {
			throw invalid(field, "api.field.member.role");
		}
		return role;
	}

	static @Nullable TenantRole optionalRole(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return TenantRole.of(value.strip().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, "api.field.member.role");
		}
	}

	static @Nullable UserStatus optionalStatus(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UserStatus.of(value.strip().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, "api.field.member.status");
		}
	}

	static int limit(int limit, int max) {
		if (limit < 1 || limit > max) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
					List.of(new DomainProblem.FieldProblem("limit", "api.field.limit", List.of(max))), Map.of());
		}
		return limit;
	}

	private static DomainProblem invalid(String field, String messageKey) {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
				List.of(new DomainProblem.FieldProblem(field, messageKey, List.of())), Map.of());
	}

}
