package io.octavia.core.authserver;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Machine clients: OAuth2 clients of one tenant that obtain access tokens with the client
 * credentials grant. Their scopes are permissions of the tenant, their secrets are made
 * by the platform and shown once. The registered-client table is platform-level; every
 * method here filters by the owning tenant, so another tenant's client looks like one
 * that does not exist.
 */
@Service
@Transactional
public class MachineClients {

	private static final Set<String> TENANT_PERMISSIONS = RolePermissions.of(TenantRole.OWNER);

	private final SecureRandom random = new SecureRandom();

	private final CachedRegisteredClients clients;

	private final ClientSecrets secrets;

	private final JdbcTemplate jdbc;

	private final AuthorizationServerProperties properties;

	MachineClients(CachedRegisteredClients clients, ClientSecrets secrets, JdbcTemplate jdbc,
			AuthorizationServerProperties properties) {
		this.clients = clients;
		this.secrets = secrets;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** A machine client as its tenant sees it; never the secret. */
	public record MachineClient(String clientId, String name, Set<String> scopes, Instant createdAt) {
	}

	/** A client with a secret that is shown this once. */
	public record IssuedSecret(MachineClient client, String clientSecret) {
	}

	/**
	 * @throws DomainProblem {@code validation_failed} for a blank or long name, or scopes
	 * that are empty or not permissions of a tenant
	 */
	public IssuedSecret create(TenantId tenant, @Nullable String name, @Nullable Set<String> scopes) {
		FieldProblems problems = new FieldProblems();
		if (name == null || name.isBlank() || name.strip().length() > 200) {
			problems.add("name", "api.field.name");
		}
		if (scopes == null || scopes.isEmpty() || !TENANT_PERMISSIONS.containsAll(scopes)) {
			problems.add("scopes", "api.field.machine_client.scopes");
		}
		problems.throwIfAny();
		String secret = secrets.generate();
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("mc_" + HexFormat.of().formatHex(randomBytes()))
			.clientIdIssuedAt(Instant.now())
			.clientName(name.strip())
			.clientSecret(secrets.encode(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(registered -> registered.addAll(new TreeSet<>(scopes)))
			.clientSettings(ClientSettings.builder()
				.requireAuthorizationConsent(false)
				.setting(TokenClaims.CLIENT_TENANT_SETTING, tenant.toString())
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(properties.accessTokenLifetime())
				.build())
			.build();
		clients.save(client);
		jdbc.update("UPDATE oauth2_registered_client SET owner_tenant_id = ? WHERE id = ?", tenant.value(),
				client.getId());
		return new IssuedSecret(summary(client), secret);
	}

	@Transactional(readOnly = true)
	public List<MachineClient> list(TenantId tenant) {
		return jdbc.queryForList(
				"SELECT id FROM oauth2_registered_client WHERE owner_tenant_id = ? ORDER BY client_id_issued_at, id",
				String.class, tenant.value())
			.stream()
			.map(clients::findById)
			.filter(java.util.Objects::nonNull)
			.map(MachineClients::summary)
			.toList();
	}

	@Transactional(readOnly = true)
	public MachineClient find(TenantId tenant, String clientId) {
		return summary(owned(tenant, clientId));
	}

	/**
	 * A new secret replaces the old one (on other nodes within seconds); tokens already
	 * issued stay valid until they expire.
	 * @throws DomainProblem {@code machine_client_not_found}
	 */
	public IssuedSecret rotateSecret(TenantId tenant, String clientId) {
		RegisteredClient client = owned(tenant, clientId);
		String secret = secrets.generate();
		RegisteredClient rotated = RegisteredClient.from(client).clientSecret(secrets.encode(secret)).build();
		clients.save(rotated);
		return new IssuedSecret(summary(rotated), secret);
	}

	/**
	 * Deletes the client and its authorizations (so its tokens fail introspection).
	 * @throws DomainProblem {@code machine_client_not_found}
	 */
	public void delete(TenantId tenant, String clientId) {
		RegisteredClient client = owned(tenant, clientId);
		jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", client.getId());
		jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", client.getId());
		jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ? AND owner_tenant_id = ?", client.getId(),
				tenant.value());
		clients.forget(clientId);
	}

	private RegisteredClient owned(TenantId tenant, String clientId) {
		List<String> ids = jdbc.queryForList(
				"SELECT id FROM oauth2_registered_client WHERE client_id = ? AND owner_tenant_id = ?", String.class,
				clientId, tenant.value());
		RegisteredClient client = ids.isEmpty() ? null : clients.findById(ids.get(0));
		if (client == null) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "machine_client_not_found");
		}
		return client;
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[12];
		random.nextBytes(bytes);
		return bytes;
	}

	private static MachineClient summary(RegisteredClient client) {
		Instant issued = client.getClientIdIssuedAt();
		return new MachineClient(client.getClientId(), client.getClientName(), new TreeSet<>(client.getScopes()),
				issued != null ? issued : Instant.EPOCH);
	}

}
