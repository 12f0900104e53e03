package io.octavia.core.portal.members;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.FormErrors;

/** The invite form as the browser sends it; the domain validates the address. */
record InvitationForm(@Nullable String email, @Nullable String role) {

	static InvitationForm blank() {
		return new InvitationForm(null, TenantRole.VIEWER.value());
	}

	/** The role chosen, or null for one we do not know. */
	static @Nullable TenantRole role(@Nullable String value) {
		String wanted = (value != null) ? value.strip().toLowerCase(Locale.ROOT) : "";
		return Arrays.stream(TenantRole.values()).filter(role -> role.value().equals(wanted)).findFirst().orElse(null);
	}

	String emailOrBlank() {
		return (email != null) ? email : "";
	}

	/** An existing member or an owner-only role belong to the address and the role. */
	static FormErrors errors(DomainProblem problem) {
		return FormErrors.of(problem, Map.of("membership_exists", "email", "owner_required", "role"), Map.of());
	}

}
