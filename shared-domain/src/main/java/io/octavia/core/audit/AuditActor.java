package io.octavia.core.audit;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.UserId;

/**
 * Who acted, as the audit log names it.
 *
 * @param kind user, API key, system or operator
 * @param id the user id, key prefix, job name or operator id
 */
public record AuditActor(ActorKind kind, String id) {

	public static final int MAX_ID_LENGTH = 200;

	public AuditActor {
		Objects.requireNonNull(kind, "kind");
		if (id.isBlank()) {
			throw new IllegalArgumentException("An actor needs an id");
		}
		id = (id.length() > MAX_ID_LENGTH) ? id.substring(0, MAX_ID_LENGTH) : id;
	}

	/**
	 * Reads an actor name of the gateway and the jobs
	 * ({@code TenantContext.Scope#actor}): {@code user:<id>}, {@code operator:<id>},
	 * {@code key:<prefix>} (also {@code api_key:}), {@code system} or
	 * {@code system:<job>}. A name of another form is kept whole, as the user's if a user
	 * is known, else as the system's.
	 */
	public static AuditActor of(String actor, @Nullable UserId user) {
		int colon = actor.indexOf(':');
		String prefix = (colon >= 0) ? actor.substring(0, colon) : actor;
		String rest = (colon >= 0) ? actor.substring(colon + 1) : "";
		ActorKind kind = switch (prefix) {
			case "user" -> ActorKind.USER;
			case "operator" -> ActorKind.OPERATOR;
			case "key", "api_key" -> ActorKind.API_KEY;
			case "system" -> ActorKind.SYSTEM;
			default -> null;
		};
		if (kind == null || (rest.isBlank() && kind != ActorKind.SYSTEM)) {
			return new AuditActor((user != null) ? ActorKind.USER : ActorKind.SYSTEM,
					actor.isBlank() ? "system" : actor);
		}
		return new AuditActor(kind, rest.isBlank() ? "system" : rest);
	}

}
