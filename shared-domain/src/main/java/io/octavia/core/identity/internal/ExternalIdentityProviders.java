package io.octavia.core.identity.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.ConfigureIdentityProvider;
import io.octavia.core.identity.FederatedSignInProvider;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.IdentityProviderConfigured;
import io.octavia.core.identity.IdentityProviderRemoved;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.MemberJoinedJustInTime;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenants' external OpenID Connect providers: configuration under the tenant's row-level
 * security, and the two narrow lookups the sign-in makes before it has a tenant scope
 * (SECURITY DEFINER functions, see the migration).
 */
@Component
@Transactional
public class ExternalIdentityProviders {

	static final String SECRET_PURPOSE = "identity-provider-secret";

	private static final Pattern DOMAIN = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

	private static final int MAX_DOMAINS = 20;

	private static final String COLUMNS = "tenant_id, display_name, issuer_url, client_id, allowed_domains, jit_role, enabled, updated_at";

	private static final String SIGN_IN_COLUMNS = "tenant_id, display_name, issuer_url, client_id, sealed_secret, allowed_domains, jit_role";

	private final JdbcClient jdbc;

	private final EnvelopeEncryption encryption;

	private final UserAccounts accounts;

	private final Memberships memberships;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	ExternalIdentityProviders(JdbcClient jdbc, EnvelopeEncryption encryption, UserAccounts accounts,
			Memberships memberships, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.accounts = accounts;
		this.memberships = memberships;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Optional<IdentityProvider> find(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_provider WHERE tenant_id = ?")
			.param(tenant.value())
			.query(ExternalIdentityProviders::provider)
			.optional();
	}

	public IdentityProvider configure(TenantId tenant, ConfigureIdentityProvider command) {
		boolean exists = find(tenant).isPresent();
		FieldProblems problems = new FieldProblems();
		String displayName = required(command.displayName(), 100, "displayName", problems);
		String issuer = issuer(command.issuerUrl(), problems);
		String clientId = required(command.clientId(), 200, "clientId", problems);
		String secret = text(command.clientSecret());
		if (secret == null && !exists) {
			problems.add("clientSecret", "api.field.required");
		}
		else if (secret != null && secret.length() > 500) {
			problems.add("clientSecret", "api.field.identity_provider.too_long", 500);
		}
		List<String> domains = domains(command.allowedDomains(), problems);
		TenantRole role = jitRole(command.jitRole(), problems);
		problems.throwIfAny();
		if (secret != null) {
			jdbc.sql("""
					INSERT INTO identity_provider (tenant_id, display_name, issuer_url, client_id, sealed_secret,
					                               allowed_domains, jit_role, enabled)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (tenant_id) DO UPDATE SET display_name = excluded.display_name,
					    issuer_url = excluded.issuer_url, client_id = excluded.client_id,
					    sealed_secret = excluded.sealed_secret, allowed_domains = excluded.allowed_domains,
					    jit_role = excluded.jit_role, enabled = excluded.enabled, updated_at = now()""")
				.params(tenant.value(), displayName, issuer, clientId, encryption.seal(secret, SECRET_PURPOSE),
						domains.toArray(String[]::new), role.value(), command.enabled())
				.update();
		}
		else {
			jdbc.sql("""
					UPDATE identity_provider SET display_name = ?, issuer_url = ?, client_id = ?, allowed_domains = ?,
					    jit_role = ?, enabled = ?, updated_at = now()
					WHERE tenant_id = ?""")
				.params(displayName, issuer, clientId, domains.toArray(String[]::new), role.value(), command.enabled(),
						tenant.value())
				.update();
		}
		events.publishEvent(
				new IdentityProviderConfigured(Events.metadata(tenant, null), tenant, issuer, command.enabled()));
		return find(tenant).orElseThrow();
	}

	/**
	 * @return whether there was a provider to remove
	 */
	public boolean remove(TenantId tenant) {
		boolean removed = jdbc.sql("DELETE FROM identity_provider WHERE tenant_id = ?")
			.param(tenant.value())
			.update() > 0;
		if (removed) {
			events.publishEvent(new IdentityProviderRemoved(Events.metadata(tenant, null), tenant));
		}
		return removed;
	}

	@Transactional(readOnly = true)
	public Optional<FederatedSignInProvider> forSignIn(TenantId tenant) {
		return jdbc.sql("SELECT " + SIGN_IN_COLUMNS + " FROM octavia_identity_provider_for_tenant(?)")
			.param(tenant.value())
			.query(this::signInProvider)
			.optional();
	}

	/** The enabled providers that accept the address's domain (usually one). */
	@Transactional(readOnly = true)
	public List<FederatedSignInProvider> forEmail(String email) {
		int at = email.lastIndexOf('@');
		if (at < 1) {
			return List.of();
		}
		return jdbc.sql("SELECT " + SIGN_IN_COLUMNS + " FROM octavia_identity_providers_for_domain(?)")
			.param(email.substring(at + 1).strip().toLowerCase(Locale.ROOT))
			.query(this::signInProvider)
			.list();
	}

	/**
	 * The account behind an address the tenant's provider vouched for: found by the
	 * verified address (or created, without a password), and made a member with the
	 * provider's role if it was not one yet. No transaction around it: the membership is
	 * written in the tenant's scope, which binds when its own transaction begins.
	 */
	@Transactional(propagation = Propagation.NEVER)
	public UserSummary joinJustInTime(TenantId tenant, String email, boolean emailVerified, @Nullable String name) {
		FederatedSignInProvider provider = forSignIn(tenant)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "identity_provider_not_found"));
		String address = email.strip().toLowerCase(Locale.ROOT);
		if (!emailVerified) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "federation_email_unverified", address);
		}
		if (!provider.allows(address)) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "federation_domain_not_allowed", address);
		}
		UserId newId = new UserId(Ids.newId());
		String displayName = Optional.ofNullable(text(name))
			.map(given -> given.length() > 200 ? given.substring(0, 200) : given)
			.orElse(address.substring(0, address.indexOf('@')));
		// a concurrent first sign-in of the same address creates nothing twice
		boolean created = jdbc.sql("""
				INSERT INTO user_account (user_id, email, display_name, email_verified) VALUES (?, ?, ?, true)
				ON CONFLICT (email) DO NOTHING""").params(newId.value(), address, displayName).update() > 0;
		UserSummary user = accounts.findByEmail(address).orElseThrow();
		if (user.status() != UserStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
		}
		TenantContext.run(TenantContext.Scope.tenant(tenant, "federation").withUser(user.id()), () -> {
			Optional<Membership> membership = memberships.find(tenant, user.id());
			if (membership.isEmpty()) {
				transactions.executeWithoutResult(status -> {
					memberships.add(tenant, user.id(), provider.jitRole());
					events.publishEvent(new MemberJoinedJustInTime(Events.metadata(tenant, user.id()), tenant,
							user.id(), address, provider.jitRole(), created));
				});
			}
			else if (membership.get().status() != UserStatus.ACTIVE) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
			}
		});
		return user;
	}

	private FederatedSignInProvider signInProvider(ResultSet row, int rowNum) throws SQLException {
		return new FederatedSignInProvider(new TenantId(row.getObject("tenant_id", java.util.UUID.class)),
				row.getString("display_name"), row.getString("issuer_url"), row.getString("client_id"),
				encryption.openString(row.getString("sealed_secret"), SECRET_PURPOSE),
				strings(row.getArray("allowed_domains")), TenantRole.of(row.getString("jit_role")));
	}

	private static IdentityProvider provider(ResultSet row, int rowNum) throws SQLException {
		return new IdentityProvider(new TenantId(row.getObject("tenant_id", java.util.UUID.class)),
				row.getString("display_name"), row.getString("issuer_url"), row.getString("client_id"),
				strings(row.getArray("allowed_domains")), TenantRole.of(row.getString("jit_role")),
				row.getBoolean("enabled"), row.getTimestamp("updated_at").toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return List.of((String[]) array.getArray());
	}

	private static String issuer(@Nullable String value, FieldProblems problems) {
		String issuer = text(value);
		if (issuer == null) {
			problems.add("issuerUrl", "api.field.required");
			return "";
		}
		try {
			URI uri = new URI(issuer);
			boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
			boolean localhost = "http".equals(uri.getScheme()) && "localhost".equals(uri.getHost());
			if ((!https && !localhost) || uri.getRawQuery() != null || uri.getRawFragment() != null
					|| uri.getRawUserInfo() != null || issuer.length() > 500) {
				problems.add("issuerUrl", "api.field.identity_provider.issuer");
			}
		}
		catch (URISyntaxException ex) {
			problems.add("issuerUrl", "api.field.identity_provider.issuer");
		}
		// the issuer is compared verbatim with the ID token's iss, so no trailing slash
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}

	private static List<String> domains(@Nullable List<String> values, FieldProblems problems) {
		List<String> domains = new ArrayList<>();
		for (String value : (values != null) ? values : List.<String>of()) {
			String domain = (value != null) ? value.strip().toLowerCase(Locale.ROOT) : "";
			if (domain.startsWith("@")) {
				domain = domain.substring(1);
			}
			if (!DOMAIN.matcher(domain).matches()) {
				problems.add("allowedDomains", "api.field.identity_provider.domain", String.valueOf(value));
			}
			else if (!domains.contains(domain)) {
				domains.add(domain);
			}
		}
		if (domains.isEmpty() && !problems.has("allowedDomains")) {
			problems.add("allowedDomains", "api.field.required");
		}
		if (domains.size() > MAX_DOMAINS) {
			problems.add("allowedDomains", "api.field.identity_provider.too_many_domains", MAX_DOMAINS);
		}
		return domains;
	}

	private static TenantRole jitRole(@Nullable String value, FieldProblems problems) {
		String role = text(value);
		if (role == null) {
			return TenantRole.VIEWER;
		}
		boolean known = Arrays.stream(TenantRole.values()).anyMatch(candidate -> candidate.value().equals(role));
		if (!known || TenantRole.OWNER.value().equals(role)) {
			problems.add("jitRole", "api.field.identity_provider.jit_role");
			return TenantRole.VIEWER;
		}
		return TenantRole.of(role);
	}

	private static String required(@Nullable String value, int maxLength, String field, FieldProblems problems) {
		String text = text(value);
		if (text == null) {
			problems.add(field, "api.field.required");
			return "";
		}
		if (text.length() > maxLength) {
			problems.add(field, "api.field.identity_provider.too_long", maxLength);
		}
		return text;
	}

	private static @Nullable String text(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
