package io.octavia.core.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;

/**
 * An e-mail domain a tenant claims for just-in-time membership, verified or waiting to
 * be. The tenant proves it owns the domain by publishing the TXT record
 * {@link #recordValue()} at {@link #recordName()}.
 *
 * @param verifiedAt when the record was found; {@code null} while pending
 * @param lastCheckedAt when the platform last looked for the record
 * @param attempts how often the platform looked for it
 */
public record EmailDomain(TenantId tenantId, String domain, String token, Instant createdAt,
		@Nullable Instant verifiedAt, @Nullable Instant lastCheckedAt, int attempts) {

	/** The DNS name the tenant publishes the TXT record at. */
	public static final String RECORD_PREFIX = "_octavia-challenge.";

	/** What the TXT record says, followed by the token. */
	public static final String VALUE_PREFIX = "octavia-verification=";

	public boolean verified() {
		return verifiedAt != null;
	}

	public String recordName() {
		return RECORD_PREFIX + domain;
	}

	public String recordValue() {
		return VALUE_PREFIX + token;
	}

}
