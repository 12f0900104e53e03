package io.octavia.core.identity.internal;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** Metadata for the identity module's events. */
final class Events {

	private Events() {
	}

	/**
	 * Metadata of an event about the given user, outside any tenant. A visitor who is not
	 * signed in (a password reset link) acts as the user the link belongs to.
	 */
	static EventMetadata metadata(@Nullable UserId user) {
		return actingAs(EventMetadata.capture(null), user);
	}

	static EventMetadata metadata(TenantId tenant, @Nullable UserId actingUser) {
		return actingAs(EventMetadata.capture(tenant), actingUser);
	}

	private static EventMetadata actingAs(EventMetadata captured, @Nullable UserId user) {
		if (captured.userId() != null || user == null) {
			return captured;
		}
		return new EventMetadata(captured.eventId(), captured.occurredAt(), captured.tenantId(), captured.brandId(),
				user, "user:" + user, captured.traceParent(), captured.requestId(), captured.clientIp(),
				captured.userAgent());
	}

}
