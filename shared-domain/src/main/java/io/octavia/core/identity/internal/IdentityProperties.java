package io.octavia.core.identity.internal;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param invitationTtl how long an invitation link works
 * @param passwordResetTtl how long a password reset link works
 * @param emailVerificationTtl how long an e-mail verification link works
 * @param lockout limits on failed sign-ins
 * @param domainVerification how tenants' e-mail domains are checked in DNS
 */
@Validated
@ConfigurationProperties("octavia.identity")
record IdentityProperties(@DefaultValue("7d") Duration invitationTtl, @DefaultValue("30m") Duration passwordResetTtl,
		@DefaultValue("2d") Duration emailVerificationTtl, @DefaultValue @Valid Lockout lockout,
		@DefaultValue DomainVerification domainVerification) {

	/**
	 * Failed sign-ins (wrong password or second factor) counted in Redis. Past a limit,
	 * sign-in is refused before any password is checked until {@code duration} has
	 * passed.
	 *
	 * @param accountFailures failures per account (e-mail address) within {@code window}
	 * @param addressFailures failures per client address within {@code window}, whatever
	 * the account: slows down trying one password on many accounts
	 * @param window the period failures are counted in
	 * @param duration how long a lock lasts
	 */
	record Lockout(@DefaultValue("5") @Min(1) int accountFailures, @DefaultValue("30") @Min(1) int addressFailures,
			@DefaultValue("15m") Duration window, @DefaultValue("15m") Duration duration) {
	}

	/**
	 * @param dnsServers the DNS servers asked for verification records, as
	 * {@code dns://host[:port]} URLs; empty means the system's resolvers
	 * @param timeout how long to wait for a server's answer (asked twice)
	 * @param recheckInterval how often pending domains are looked up again in the
	 * background (on worker nodes)
	 * @param recheckFor how long after it was added a pending domain is still looked up
	 * in the background; later only "verify now" looks
	 */
	record DomainVerification(@Nullable List<String> dnsServers, @DefaultValue("3s") Duration timeout,
			@DefaultValue("10m") Duration recheckInterval, @DefaultValue("7d") Duration recheckFor) {

		List<String> servers() {
			return (dnsServers != null) ? dnsServers : List.of();
		}

	}

}
