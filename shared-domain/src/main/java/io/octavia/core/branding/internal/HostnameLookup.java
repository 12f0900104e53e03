package io.octavia.core.branding.internal;

import java.util.Optional;
import java.util.UUID;

import io.octavia.core.branding.ResolvedHostname;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which brand a hostname belongs to, across all tenants, through the database function
 * {@code octavia_brand_by_hostname}: the one read of {@code brand_hostname} that needs no
 * tenant scope, since the gateway asks before it knows the tenant.
 */
@Component
public class HostnameLookup {

	private final JdbcClient jdbc;

	HostnameLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ResolvedHostname> resolve(String hostname) {
		return jdbc.sql("SELECT tenant_id, brand_id FROM octavia_brand_by_hostname(?)")
			.param(hostname)
			.query((row, number) -> new ResolvedHostname(new TenantId(row.getObject("tenant_id", UUID.class)),
					new BrandId(row.getObject("brand_id", UUID.class))))
			.optional();
	}

}
