package io.octavia.core.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a tenant's provider said about the person in a checked ID token.
 *
 * @param issuer the token's {@code iss}
 * @param subject the token's {@code sub}: the person at that issuer, for good
 * @param email the token's {@code email}, if any
 * @param emailVerified the token's {@code email_verified}
 * @param authenticationMethods the token's {@code amr} (RFC 8176), empty without one
 */
public record FederatedIdentity(String issuer, String subject, @Nullable String email, boolean emailVerified,
		@Nullable String name, Set<String> authenticationMethods) {

	/**
	 * The {@code amr} values that count as a second factor at the provider: multiple
	 * factors, a one-time password, a hardware- or software-secured key.
	 */
	public static final Set<String> MULTI_FACTOR_METHODS = Set.of("mfa", "otp", "hwk", "swk");

	public boolean multiFactor() {
		return authenticationMethods.stream().anyMatch(MULTI_FACTOR_METHODS::contains);
	}

}
