package io.octavia.core.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.internal.ApiKeyRows;
import io.octavia.core.apikeys.internal.KeyHashes;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's API keys: create, list, show, rotate, revoke, and the tenant's "require
 * signatures" policy. Every method acts inside the bound
 * {@link io.octavia.core.platform.TenantContext} (row-level security); operators call
 * {@link #list} and {@link #revoke} inside
 * {@link io.octavia.core.platform.CrossTenantAccess} to see another tenant's keys and
 * revoke them in an emergency. Operators never create keys for a tenant: a key acts for a
 * tenant with the permissions of a person or client of that tenant.
 * <p>
 * The key and signing secret are returned once, by {@link #create} and {@link #rotate};
 * only a keyed hash of the key and the sealed signing secret are stored.
 */
@Service
@Transactional
public class ApiKeyManagement {

	/** The envelope-encryption purpose of signing secrets. */
	public static final String SIGNING_SECRET_PURPOSE = "api-key-signing-secret";

	public static final int MAX_NAME_LENGTH = 200;

	public static final int MAX_IP_RANGES = 50;

	public static final int MAX_RATE_LIMIT_PER_MINUTE = 100_000;

	public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

	private final ApiKeyRows rows;

	private final KeyHashes hashes;

	private final EnvelopeEncryption encryption;

	private final ApplicationEventPublisher events;

	private final BrandManagement brands;

	private final Clock clock = Clock.systemUTC();

	ApiKeyManagement(ApiKeyRows rows, KeyHashes hashes, EnvelopeEncryption encryption, ApplicationEventPublisher events,
			BrandManagement brands) {
		this.rows = rows;
		this.brands = brands;
		this.hashes = hashes;
		this.encryption = encryption;
		this.events = events;
	}

	/**
	 * Creates a key of the tenant.
	 * @param creatorPermissions what the creator may do; the key's scopes must be among
	 * them
	 * @throws DomainProblem {@code validation_failed} (field by field), or
	 * {@code api_key_scope_not_held} (403, property {@code scope}) for a scope the
	 * creator does not hold
	 */
	public IssuedApiKey create(TenantId tenant, CreateApiKey command, Set<String> creatorPermissions) {
		Instant now = clock.instant();
		FieldProblems problems = new FieldProblems();
		String name = (command.name() != null) ? command.name().strip() : "";
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			problems.add("name", "api.field.api_key.name", MAX_NAME_LENGTH);
		}
		Set<String> scopes = (command.scopes() != null) ? new TreeSet<>(command.scopes()) : new TreeSet<>();
		if (scopes.isEmpty() || !ApiKeyScopes.NAMES.containsAll(scopes)) {
			problems.add("scopes", "api.field.api_key.scopes");
		}
		if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
			problems.add("expiresAt", "api.field.api_key.expires_at");
		}
		List<String> ranges = new ArrayList<>();
		List<String> requested = (command.ipAllowList() != null) ? command.ipAllowList() : List.of();
		if (requested.size() > MAX_IP_RANGES) {
			problems.add("ipAllowList", "api.field.api_key.ip_allow_list", MAX_IP_RANGES);
		}
		for (String range : requested) {
			IpRange.parse((range != null) ? range : "")
				.ifPresentOrElse(parsed -> ranges.add(parsed.text()),
						() -> problems.add("ipAllowList", "api.field.api_key.ip_allow_list", MAX_IP_RANGES));
		}
		if (command.brandId() != null
				&& brands.find(command.brandId()).filter(brand -> brand.tenantId().equals(tenant)).isEmpty()) {
			// a brand of another tenant and one that does not exist look the same
			problems.add("brandId", "api.field.api_key.brand");
		}
		Integer rateLimit = command.rateLimitPerMinute();
		if (rateLimit != null && (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT_PER_MINUTE)) {
			problems.add("rateLimitPerMinute", "api.field.api_key.rate_limit", MAX_RATE_LIMIT_PER_MINUTE);
		}
		problems.throwIfAny();
		requireHeld(scopes, creatorPermissions);
		boolean signing = command.signing() || rows.requireSignatures(tenant);
		ApiKeyMode mode = (command.mode() != null) ? command.mode() : ApiKeyMode.LIVE;
		IssuedApiKey issued = issue(tenant, name, scopes, mode, command, ranges, signing, null, now);
		events.publishEvent(new ApiKeyCreated(EventMetadata.capture(tenant), tenant, issued.apiKey().keyId(), name,
				issued.apiKey().scopes()));
		return issued;
	}

	private IssuedApiKey issue(TenantId tenant, String name, Set<String> scopes, ApiKeyMode mode, CreateApiKey settings,
			List<String> ranges, boolean signing, @Nullable String rotatedFrom, Instant now) {
		String keyId = ApiKeyFormat.newKeyId();
		String key = ApiKeyFormat.newKey(mode, keyId);
		String signingSecret = signing ? ApiKeyFormat.newSigningSecret() : null;
		rows.insert(new ApiKeyRows.NewKey(tenant, keyId, mode, hashes.hash(key), name, scopes, settings.brandId(),
				settings.expiresAt(), ranges, settings.rateLimitPerMinute(),
				(signingSecret != null) ? encryption.seal(signingSecret, SIGNING_SECRET_PURPOSE) : null, actor(), now,
				rotatedFrom));
		return new IssuedApiKey(rows.find(tenant, keyId, now).orElseThrow(), key, signingSecret);
	}

	/**
	 * The tenant's keys, oldest first.
	 * @param limit 1 to 100
	 */
	@Transactional(readOnly = true)
	public ApiKeyPage list(TenantId tenant, @Nullable String cursor, int limit) {
		return rows.list(tenant, cursor, Math.max(1, Math.min(100, limit)), clock.instant());
	}

	/**
	 * @throws DomainProblem {@code api_key_not_found} (another tenant's looks the same)
	 */
	@Transactional(readOnly = true)
	public ApiKey find(TenantId tenant, String keyId) {
		return rows.find(tenant, keyId, clock.instant()).orElseThrow(() -> notFound(keyId));
	}

	/**
	 * Issues a new key with the same name, scopes and settings (and a new signing secret
	 * if the old key had one); the old key keeps working for the grace period, then
	 * expires by itself.
	 * @param gracePeriod zero (the old key stops at once) to 7 days
	 * @param rotatorPermissions what the caller may do: the new key gets the old key's
	 * scopes, so the caller must hold them all
	 * @throws DomainProblem {@code api_key_not_found}, {@code api_key_not_active} (409)
	 * for a revoked or expired key, {@code validation_failed} for the grace period,
	 * {@code api_key_scope_not_held}
	 */
	public IssuedApiKey rotate(TenantId tenant, String keyId, Duration gracePeriod, Set<String> rotatorPermissions) {
		if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
			new FieldProblems()
				.add("gracePeriodSeconds", "api.field.api_key.grace_period", MAX_GRACE_PERIOD.toSeconds())
				.throwIfAny();
		}
		Instant now = clock.instant();
		ApiKey old = find(tenant, keyId);
		if (old.status() != ApiKeyStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "api_key_not_active", keyId);
		}
		requireHeld(old.scopes(), rotatorPermissions);
		CreateApiKey settings = new CreateApiKey(old.name(), old.scopes(), old.mode(), old.brandId(), old.expiresAt(),
				old.ipAllowList(), old.rateLimitPerMinute(), old.signing());
		IssuedApiKey issued = issue(tenant, old.name(), old.scopes(), old.mode(), settings, old.ipAllowList(),
				old.signing() || rows.requireSignatures(tenant), keyId, now);
		Instant oldExpiresAt = now.plus(gracePeriod);
		rows.expireBy(tenant, keyId, oldExpiresAt);
		events.publishEvent(
				new ApiKeyRotated(EventMetadata.capture(tenant), tenant, keyId, issued.apiKey().keyId(), oldExpiresAt));
		return issued;
	}

	/**
	 * Revokes a key at once, on every node within a second. Revoking a revoked key
	 * changes nothing.
	 * @param emergency an operator's revocation across tenants
	 * @throws DomainProblem {@code api_key_not_found}
	 */
	public ApiKey revoke(TenantId tenant, String keyId, boolean emergency) {
		find(tenant, keyId);
		if (rows.revoke(tenant, keyId, actor(), clock.instant())) {
			events.publishEvent(new ApiKeyRevoked(EventMetadata.capture(tenant), tenant, keyId, emergency));
		}
		return find(tenant, keyId);
	}

	@Transactional(readOnly = true)
	public boolean requireSignatures(TenantId tenant) {
		return rows.requireSignatures(tenant);
	}

	/**
	 * Whether every key of the tenant must sign its requests. Keys without a signing
	 * secret cannot sign: while this is on they are refused ({@code signature_missing})
	 * until rotated; new keys and rotations get a signing secret.
	 */
	public void setRequireSignatures(TenantId tenant, boolean required) {
		if (rows.requireSignatures(tenant) != required) {
			rows.setRequireSignatures(tenant, required, clock.instant());
			events.publishEvent(new ApiKeyPolicyChanged(EventMetadata.capture(tenant), tenant, required));
		}
	}

	private static void requireHeld(Set<String> scopes, Set<String> permissions) {
		for (String scope : new TreeSet<>(scopes)) {
			if (!permissions.contains(scope)) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "api_key_scope_not_held", List.of(scope),
						List.of(), java.util.Map.of("scope", scope));
			}
		}
	}

	private static String actor() {
		return TenantContext.current().map(TenantContext.Scope::actor).orElse("system");
	}

	private static DomainProblem notFound(String keyId) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "api_key_not_found", keyId);
	}

}
