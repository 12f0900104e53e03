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
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.ConfigureIdentityProvider;
import io.octavia.core.identity.FederatedAccountLinked;
import io.octavia.core.identity.FederatedIdentity;
import io.octavia.core.identity.FederatedSignInProvider;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.IdentityProviderConfigured;
import io.octavia.core.identity.IdentityProviderRemoved;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.MemberJoinedJustInTime;
import io.octavia.core.identity.SignIn;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
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

	private static final String COLUMNS = "tenant_id, display_name, issuer_url, client_id, allowed_domains, jit_role, enabled, updated_at";

	private static final String SIGN_IN_COLUMNS = "tenant_id, display_name, issuer_url, client_id, sealed_secret, allowed_domains, jit_role";

	private final JdbcClient jdbc;

	private final EnvelopeEncryption encryption;

	private final UserAccounts accounts;

	private final Memberships memberships;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final EmailDomains emailDomains;

	private final TenantMembers members;

	private final SecondFactors secondFactors;

	ExternalIdentityProviders(JdbcClient jdbc, EnvelopeEncryption encryption, UserAccounts accounts,
			Memberships memberships, ApplicationEventPublisher events, TransactionTemplate transactions,
			EmailDomains emailDomains, TenantMembers members, SecondFactors secondFactors) {
		this.members = members;
		this.secondFactors = secondFactors;
		this.transactions = transactions;
		this.emailDomains = emailDomains;
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
		// listed domains count once verified: each becomes a domain to verify
		domains.forEach(domain -> emailDomains.register(tenant, domain));
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
	 * The account behind an identity the tenant's provider vouched for. An identity
	 * linked before is its linked account, whatever address it now reports. Otherwise the
	 * verified address of one of the provider's verified domains finds its account (or
	 * creates one, without a password) and links it, so an existing account is linked
	 * only on that proof and keeps its memberships elsewhere. The account becomes a
	 * member with the provider's role if it was not one yet. No transaction around it:
	 * the tenant's scope binds when each of its own transactions begins.
	 * @return the user, and the second factor the tenant's policy still asks for: none
	 * when the tenant does not require one or the provider reports one in {@code amr}
	 */
	@Transactional(propagation = Propagation.NEVER)
	public SignIn joinJustInTime(TenantId tenant, FederatedIdentity identity) {
		FederatedSignInProvider provider = forSignIn(tenant)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "identity_provider_not_found"));
		String address = Optional.ofNullable(text(identity.email())).orElse("").toLowerCase(Locale.ROOT);
		TenantContext.Scope scope = TenantContext.Scope.tenant(tenant, "federation");
		Optional<UserId> linked = TenantContext.call(scope, () -> transactions.execute(status -> jdbc.sql("""
				SELECT user_id FROM identity_federated_link WHERE tenant_id = ? AND issuer_url = ? AND subject = ?""")
			.params(tenant.value(), provider.issuerUrl(), identity.subject())
			.query(UUID.class)
			.optional()
			.map(UserId::new)));
		boolean created = false;
		UserSummary user;
		if (linked.isPresent()) {
			user = accounts.find(linked.get()).orElseThrow();
		}
		else {
			vouchedFor(provider, address, identity.emailVerified());
			UserId newId = new UserId(Ids.newId());
			String displayName = Optional.ofNullable(text(identity.name()))
				.map(given -> given.length() > 200 ? given.substring(0, 200) : given)
				.orElse(address.substring(0, address.indexOf('@')));
			// a concurrent first sign-in of the same address creates nothing twice
			created = jdbc.sql("""
					INSERT INTO user_account (user_id, email, display_name, email_verified) VALUES (?, ?, ?, true)
					ON CONFLICT (email) DO NOTHING""").params(newId.value(), address, displayName).update() > 0;
			user = accounts.findByEmail(address).orElseThrow();
		}
		if (user.status() != UserStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
		}
		boolean accountCreated = created;
		TenantContext.run(scope.withUser(user.id()), () -> transactions.executeWithoutResult(status -> {
			if (linked.isEmpty()) {
				link(tenant, provider, identity, user, accountCreated);
			}
			else {
				jdbc.sql("""
						UPDATE identity_federated_link SET last_sign_in_at = now()
						WHERE tenant_id = ? AND issuer_url = ? AND subject = ?""")
					.params(tenant.value(), provider.issuerUrl(), identity.subject())
					.update();
			}
			Optional<Membership> membership = memberships.find(tenant, user.id());
			if (membership.isEmpty()) {
				// a linked account that left the tenant comes back only on the same proof
				vouchedFor(provider, address, identity.emailVerified());
				memberships.add(tenant, user.id(), provider.jitRole());
				events.publishEvent(new MemberJoinedJustInTime(Events.metadata(tenant, user.id()), tenant, user.id(),
						user.email(), provider.jitRole(), accountCreated));
			}
			else if (membership.get().status() != UserStatus.ACTIVE) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
			}
		}));
		boolean mfaRequired = TenantContext.call(scope,
				() -> Boolean.TRUE.equals(transactions.execute(status -> members.mfaRequired(tenant))));
		if (!mfaRequired || identity.multiFactor()) {
			return new SignIn(user, false, false);
		}
		boolean enrolled = Boolean.TRUE.equals(transactions.execute(status -> secondFactors.enabled(user.id())));
		return new SignIn(user, enrolled, !enrolled);
	}

	/** The provider's word is enough for a verified address of a verified domain only. */
	private static void vouchedFor(FederatedSignInProvider provider, String address, boolean emailVerified) {
		if (!emailVerified) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "federation_email_unverified", address);
		}
		if (!provider.allows(address)) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "federation_domain_not_allowed", address);
		}
	}

	private void link(TenantId tenant, FederatedSignInProvider provider, FederatedIdentity identity, UserSummary user,
			boolean accountCreated) {
		try {
			jdbc.sql("""
					INSERT INTO identity_federated_link (tenant_id, issuer_url, subject, user_id) VALUES (?, ?, ?, ?)
					ON CONFLICT (tenant_id, issuer_url, subject) DO NOTHING""")
				.params(tenant.value(), provider.issuerUrl(), identity.subject(), user.id().value())
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "identity_federated_link_user_key")) {
				// the account is another identity at this provider already
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "federation_account_linked", user.email());
			}
			throw ex;
		}
		events.publishEvent(new FederatedAccountLinked(Events.metadata(tenant, user.id()), tenant, user.id(),
				provider.issuerUrl(), identity.subject(), accountCreated));
	}

	private FederatedSignInProvider signInProvider(ResultSet row, int rowNum) throws SQLException {
		return new FederatedSignInProvider(new TenantId(row.getObject("tenant_id", UUID.class)),
				row.getString("display_name"), row.getString("issuer_url"), row.getString("client_id"),
				encryption.openString(row.getString("sealed_secret"), SECRET_PURPOSE),
				strings(row.getArray("allowed_domains")), TenantRole.of(row.getString("jit_role")));
	}

	private static IdentityProvider provider(ResultSet row, int rowNum) throws SQLException {
		return new IdentityProvider(new TenantId(row.getObject("tenant_id", UUID.class)), row.getString("display_name"),
				row.getString("issuer_url"), row.getString("client_id"), strings(row.getArray("allowed_domains")),
				TenantRole.of(row.getString("jit_role")), row.getBoolean("enabled"),
				row.getTimestamp("updated_at").toInstant());
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
			if (!EmailDomains.DOMAIN.matcher(domain).matches()) {
				problems.add("allowedDomains", "api.field.identity_provider.domain", String.valueOf(value));
			}
			else if (!domains.contains(domain)) {
				domains.add(domain);
			}
		}
		if (domains.isEmpty() && !problems.has("allowedDomains")) {
			problems.add("allowedDomains", "api.field.required");
		}
		if (domains.size() > EmailDomains.MAX_DOMAINS) {
			problems.add("allowedDomains", "api.field.identity_provider.too_many_domains", EmailDomains.MAX_DOMAINS);
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
