package io.octavia.core.tenancy;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Where a tenant is in its lifecycle
 * ({@code provisioning → active ⇄ suspended → closed → purged}). Stored and published in
 * lower case ({@code active}); labelled by the message keys {@code TenantStatus.ACTIVE}
 * etc.
 */
public enum TenantStatus {

	/** Created; other modules are still setting up its defaults. */
	PROVISIONING,

	ACTIVE,

	/** Refused at the gateway; data intact. */
	SUSPENDED,

	/** Its data is kept for the retention period, then purged. */
	CLOSED,

	/**
	 * Terminal: the retention period after closing is over and every module deleted the
	 * tenant's data; what remains is a tombstone that keeps id and slug reserved.
	 */
	PURGED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TenantStatus of(String value) {
		return Arrays.stream(values())
			.filter(status -> status.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown tenant status: " + value));
	}

	/** The localized label, usable as a message argument. */
	public MessageSourceResolvable label() {
		return new DefaultMessageSourceResolvable(new String[] { "TenantStatus." + name() }, value());
	}

}
