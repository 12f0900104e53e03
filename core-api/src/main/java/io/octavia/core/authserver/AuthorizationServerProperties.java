package io.octavia.core.authserver;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tunables of the authorization server. The issuer and the client-secret pepper are
 * security settings ({@code octavia.security.issuer},
 * {@code octavia.security.client-secret-pepper}).
 *
 * @param audience the {@code aud} of every access token, which the gateway requires
 * @param accessTokenLifetime how long an access token is valid
 * @param keyRotationPeriod how long a signing key signs before a new one takes over
 * @param keyCheckInterval how often a node checks whether the key is due and removes keys
 * no token can still need
 * @param keyReloadInterval how often a node re-reads the keys (to see another node's
 * rotation)
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between nodes
 */
@Validated
@ConfigurationProperties("octavia.authserver")
record AuthorizationServerProperties(@DefaultValue("octavia-api") @NotBlank String audience,
		@DefaultValue("10m") @DurationMin(seconds = 30) Duration accessTokenLifetime,
		@DefaultValue("30d") @DurationMin(minutes = 1) Duration keyRotationPeriod,
		@DefaultValue("1h") @DurationMin(seconds = 1) Duration keyCheckInterval,
		@DefaultValue("1m") @DurationMin(seconds = 1) Duration keyReloadInterval,
		@DefaultValue("30s") Duration clockSkew) {

	// Spring's authorization server gives every ID token 30 minutes
	private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);

	/**
	 * How long a retired key stays published: every token it signed must have expired,
	 * and nodes that have not yet re-read the keys may still sign with it.
	 */
	Duration keyOverlap() {
		Duration longest = accessTokenLifetime.compareTo(ID_TOKEN_LIFETIME) > 0 ? accessTokenLifetime
				: ID_TOKEN_LIFETIME;
		return longest.plus(keyReloadInterval).plus(clockSkew);
	}

}
