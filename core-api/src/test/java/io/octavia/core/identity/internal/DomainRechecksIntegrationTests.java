package io.octavia.core.identity.internal;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.EmailDomain;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.TestDnsServer;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background re-check of pending e-mail domains, run by hand against the real
 * database and the test DNS server: a published record verifies its domain, one not yet
 * published only counts an attempt, and a domain added too long ago is left alone.
 */
@OctaviaIntegrationTest
class DomainRechecksIntegrationTests {

	@Autowired
	DomainRechecks rechecks;

	@Autowired
	IdentityProviderManagement providers;

	@Autowired
	TenantManagement tenants;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void pendingDomainsAreVerifiedOnceTheirRecordIsPublished() {
		TenantId tenant = tenants
			.create(new CreateTenant("recheck-" + Ids.newId().toString().substring(28), "Recheck", "en", "UTC", "EUR"))
			.id();
		String suffix = Ids.newId().toString().substring(24);
		EmailDomain published = add(tenant, "published-" + suffix + ".example.com");
		EmailDomain unpublished = add(tenant, "unpublished-" + suffix + ".example.com");
		EmailDomain stale = add(tenant, "stale-" + suffix + ".example.com");
		TestDnsServer.publish(published.recordName(), published.recordValue());
		TestDnsServer.publish(stale.recordName(), stale.recordValue());
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.executeWithoutResult(status -> jdbc.update(
						"UPDATE identity_email_domain SET created_at = now() - interval '8 days' WHERE domain = ?",
						stale.domain())));

		rechecks.recheck();

		assertThat(find(tenant, published).verified()).isTrue();
		assertThat(find(tenant, unpublished).verified()).isFalse();
		assertThat(find(tenant, unpublished).attempts()).isEqualTo(1);
		assertThat(find(tenant, stale).attempts()).as("added more than 7 days ago").isZero();

		// within the interval nothing is looked up again
		rechecks.recheck();
		assertThat(find(tenant, unpublished).attempts()).isEqualTo(1);
		TestDnsServer.unpublish(published.recordName());
		TestDnsServer.unpublish(stale.recordName());
	}

	private EmailDomain add(TenantId tenant, String domain) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> providers.addDomain(tenant, domain));
	}

	private EmailDomain find(TenantId tenant, EmailDomain domain) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> providers.domains(tenant)
					.stream()
					.filter(candidate -> candidate.domain().equals(domain.domain()))
					.findFirst()
					.orElseThrow());
	}

}
