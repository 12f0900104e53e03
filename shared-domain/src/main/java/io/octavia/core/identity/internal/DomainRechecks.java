package io.octavia.core.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks pending e-mail domains up again in the background, so a tenant who published the
 * record is verified without pressing "verify now" again: each domain at most once per
 * interval, for {@code recheck-for} after it was added. Runs on worker nodes; several
 * nodes may run it at once (a domain is then looked up twice, which only counts twice).
 */
@Component
@ConditionalOnExpression("'${octavia.roles:api,console,worker}'.contains('worker')")
class DomainRechecks {

	static final String ACTOR = "system:domain-verification";

	private static final Logger log = LoggerFactory.getLogger(DomainRechecks.class);

	private static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final EmailDomains domains;

	private final IdentityProperties properties;

	private final Clock clock;

	DomainRechecks(JdbcClient jdbc, EmailDomains domains, IdentityProperties properties, Clock identityClock) {
		this.jdbc = jdbc;
		this.domains = domains;
		this.properties = properties;
		this.clock = identityClock;
	}

	@Scheduled(fixedDelayString = "${octavia.identity.domain-verification.recheck-interval:10m}",
			initialDelayString = "${octavia.identity.domain-verification.recheck-interval:10m}")
	void recheck() {
		Instant now = clock.instant();
		IdentityProperties.DomainVerification settings = properties.domainVerification();
		List<Due> due;
		try {
			due = jdbc.sql("SELECT tenant_id, domain FROM octavia_email_domains_due(?, ?, ?)")
				.params(Timestamp.from(now.minus(settings.recheckInterval())),
						Timestamp.from(now.minus(settings.recheckFor())), BATCH)
				.query((row, rowNum) -> new Due(new TenantId(row.getObject("tenant_id", UUID.class)),
						row.getString("domain")))
				.list();
		}
		catch (RuntimeException ex) {
			log.warn("Pending e-mail domains could not be listed; will retry: {}", ex.getMessage());
			return;
		}
		// each in its tenant's own scope, as "verify now" does
		due.forEach(
				domain -> TenantContext.run(TenantContext.Scope.tenant(domain.tenant(), ACTOR), () -> recheck(domain)));
	}

	private void recheck(Due due) {
		try {
			domains.verify(due.tenant(), due.domain());
			log.info("E-mail domain {} of tenant {} verified in the background", due.domain(), due.tenant());
		}
		catch (DomainProblem problem) {
			// not published yet, claimed by another tenant, DNS silent, or removed
			// meanwhile
			log.debug("E-mail domain {} of tenant {} not verified: {}", due.domain(), due.tenant(), problem.code());
		}
		catch (RuntimeException ex) {
			log.warn("Re-checking e-mail domain {} of tenant {} failed: {}", due.domain(), due.tenant(),
					ex.getMessage());
		}
	}

	private record Due(TenantId tenant, String domain) {
	}

}
