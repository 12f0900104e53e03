package io.octavia.core.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.identity.DomainTxtLookup;
import io.octavia.core.identity.EmailDomain;
import io.octavia.core.identity.EmailDomainRemoved;
import io.octavia.core.identity.EmailDomainVerified;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail domains a tenant claims, in the tenant's scope (row-level security), and
 * their verification by a DNS TXT record. The DNS question is asked outside any
 * transaction, so no database connection waits for a slow name server.
 */
@Component
@Transactional
public class EmailDomains {

	private static final Logger log = LoggerFactory.getLogger(EmailDomains.class);

	static final Pattern DOMAIN = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

	static final int MAX_DOMAINS = 20;

	private static final String VERIFIED_KEY = "identity_email_domain_verified_key";

	private static final String COLUMNS = "tenant_id, domain, token, created_at, verified_at, last_checked_at, attempts";

	private final JdbcClient jdbc;

	private final DomainTxtLookup dns;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	EmailDomains(JdbcClient jdbc, DomainTxtLookup dns, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.dns = dns;
		this.events = events;
		this.transactions = transactions;
	}

	@Transactional(readOnly = true)
	public List<EmailDomain> list(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_email_domain WHERE tenant_id = ? ORDER BY domain")
			.param(tenant.value())
			.query(EmailDomains::domain)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<EmailDomain> find(TenantId tenant, String domain) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_email_domain WHERE tenant_id = ? AND domain = ?")
			.params(tenant.value(), normalized(domain))
			.query(EmailDomains::domain)
			.optional();
	}

	public EmailDomain add(TenantId tenant, @Nullable String value) {
		String domain = normalized(value);
		FieldProblems problems = new FieldProblems();
		if (!DOMAIN.matcher(domain).matches()) {
			problems.add("domain", "api.field.identity_provider.domain", String.valueOf(value));
		}
		else if (list(tenant).size() >= MAX_DOMAINS) {
			problems.add("domain", "api.field.identity_provider.too_many_domains", MAX_DOMAINS);
		}
		problems.throwIfAny();
		if (!register(tenant, domain)) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "email_domain_exists", domain);
		}
		return find(tenant, domain).orElseThrow();
	}

	/**
	 * A domain the tenant's provider lists becomes a pending domain if it is not one yet.
	 * @return whether it was new
	 */
	boolean register(TenantId tenant, String domain) {
		return jdbc.sql("""
				INSERT INTO identity_email_domain (tenant_id, domain, token) VALUES (?, ?, ?)
				ON CONFLICT (tenant_id, domain) DO NOTHING""")
			.params(tenant.value(), domain, SecretTokens.newToken())
			.update() > 0;
	}

	public void remove(TenantId tenant, String value) {
		EmailDomain domain = find(tenant, value).orElseThrow(() -> notFound(value));
		jdbc.sql("DELETE FROM identity_email_domain WHERE tenant_id = ? AND domain = ?")
			.params(tenant.value(), domain.domain())
			.update();
		events.publishEvent(
				new EmailDomainRemoved(Events.metadata(tenant, null), tenant, domain.domain(), domain.verified()));
	}

	/**
	 * Looks for the domain's TXT record now; once found, the domain stays verified (the
	 * record may be removed again). Every look counts as an attempt.
	 * @throws DomainProblem {@code email_domain_not_found},
	 * {@code email_domain_record_missing} (not published, or not visible yet),
	 * {@code email_domain_lookup_failed} (no DNS answer), {@code email_domain_claimed}
	 * (another tenant holds it verified)
	 */
	@Transactional(propagation = Propagation.NEVER)
	public EmailDomain verify(TenantId tenant, String value) {
		EmailDomain domain = current(tenant, value).orElseThrow(() -> notFound(value));
		if (domain.verified()) {
			return domain;
		}
		boolean found;
		try {
			found = dns.txtRecords(domain.recordName()).stream().anyMatch(domain.recordValue()::equals);
		}
		catch (DomainTxtLookup.LookupFailed ex) {
			log.info("Verification of {} for tenant {}: {}", domain.domain(), tenant, ex.getMessage());
			checked(tenant, domain, false);
			throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "email_domain_lookup_failed", domain.domain());
		}
		if (!found) {
			checked(tenant, domain, false);
			throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "email_domain_record_missing",
					domain.recordName(), domain.recordValue());
		}
		try {
			checked(tenant, domain, true);
		}
		catch (DataIntegrityViolationException ex) {
			if (!DataConstraints.violated(ex, VERIFIED_KEY)) {
				throw ex;
			}
			checked(tenant, domain, false);
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "email_domain_claimed", domain.domain());
		}
		return current(tenant, domain.domain()).orElseThrow();
	}

	/** {@link #find} in a transaction of its own, which binds the tenant's scope. */
	private Optional<EmailDomain> current(TenantId tenant, String domain) {
		return transactions.execute(status -> find(tenant, domain));
	}

	private void checked(TenantId tenant, EmailDomain domain, boolean verified) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("""
					UPDATE identity_email_domain
					SET attempts = attempts + 1, last_checked_at = now(),
					    verified_at = CASE WHEN ? THEN now() ELSE verified_at END
					WHERE tenant_id = ? AND domain = ?""").params(verified, tenant.value(), domain.domain()).update();
			if (verified) {
				events.publishEvent(new EmailDomainVerified(Events.metadata(tenant, null), tenant, domain.domain()));
			}
		});
	}

	static String normalized(@Nullable String value) {
		String domain = (value != null) ? value.strip().toLowerCase(Locale.ROOT) : "";
		if (domain.startsWith("@")) {
			domain = domain.substring(1);
		}
		return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
	}

	private static DomainProblem notFound(@Nullable String domain) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "email_domain_not_found", String.valueOf(domain));
	}

	private static EmailDomain domain(ResultSet row, int rowNum) throws SQLException {
		return new EmailDomain(new TenantId(row.getObject("tenant_id", UUID.class)), row.getString("domain"),
				row.getString("token"), row.getTimestamp("created_at").toInstant(),
				instant(row.getTimestamp("verified_at")), instant(row.getTimestamp("last_checked_at")),
				row.getInt("attempts"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
