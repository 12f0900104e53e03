package io.octavia.core.authserver;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign access and ID tokens (ES256: fast to sign at the token endpoint,
 * small tokens). The private keys live in PostgreSQL sealed by
 * {@link EnvelopeEncryption}, the public ones are published in the JWKS. One key is
 * active and signs; after {@code octavia.authserver.key-rotation-period} a new key takes
 * over and the old one stays published until every token it signed has expired, then it
 * is deleted.
 * <p>
 * Every node keeps the keys in memory and re-reads them now and then, or at once when a
 * token names a key it does not know (at most every few seconds). A transaction-scoped
 * advisory lock serializes creation and rotation across nodes, and a unique index allows
 * only one active key.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	static final String PURPOSE = "token-signing-key";

	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

	// pg_advisory_xact_lock key: "octavia-signing-keys"
	private static final long LOCK = 0x6f637461766b6579L;

	private static final long UNKNOWN_KID_RELOAD_MILLIS = 5_000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final EnvelopeEncryption encryption;

	private final AuthorizationServerProperties properties;

	private volatile Keys keys;

	SigningKeys(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EnvelopeEncryption encryption,
			AuthorizationServerProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.encryption = encryption;
		this.properties = properties;
		this.keys = Keys.NONE;
	}

	/** What a node holds in memory: the key that signs and the keys that verify. */
	private record Keys(ECKey active, JWKSet published, long loadedAt) {

		static final Keys NONE = new Keys(null, new JWKSet(), 0);

	}

	@EventListener(ApplicationReadyEvent.class)
	void createWhenMissing() {
		current();
	}

	/** The active key, private part included, for the token endpoint only. */
	ECKey signingKey() {
		return current().active();
	}

	/**
	 * The public keys that verify tokens: the active key and those retired within the
	 * overlap. This is what the JWKS endpoint publishes and what the gateway verifies
	 * against, without a network round trip.
	 */
	public JWKSource<SecurityContext> publishedKeys() {
		return (selector, context) -> {
			List<JWK> found = selector.select(current().published());
			if (found.isEmpty() && System.currentTimeMillis() - keys.loadedAt() > UNKNOWN_KID_RELOAD_MILLIS) {
				// perhaps another node rotated a moment ago
				found = selector.select(reload().published());
			}
			return found;
		};
	}

	/**
	 * Makes a new key the active one; the previous one stays published for the overlap.
	 */
	public void rotate() {
		transactions.executeWithoutResult(status -> {
			lock();
			jdbc.update("""
					UPDATE authserver_signing_key
					SET status = 'retired', retired_at = now(), published_until = ?
					WHERE status = 'active'""", Timestamp.from(Instant.now().plus(properties.keyOverlap())));
			insertNewKey();
		});
		log.info("Rotated the token signing key");
		reload();
	}

	@Scheduled(fixedDelayString = "${octavia.authserver.key-check-interval:1h}",
			initialDelayString = "${octavia.authserver.key-check-interval:1h}")
	void rotateWhenDue() {
		Boolean due = jdbc.queryForObject(
				"SELECT coalesce(bool_and(created_at < ?), true) FROM authserver_signing_key WHERE status = 'active'",
				Boolean.class, Timestamp.from(Instant.now().minus(properties.keyRotationPeriod())));
		if (Boolean.TRUE.equals(due)) {
			rotate();
		}
		int removed = jdbc
			.update("DELETE FROM authserver_signing_key WHERE status = 'retired' AND published_until < now()");
		if (removed > 0) {
			log.info("Removed {} retired token signing key(s) from the JWKS", removed);
			reload();
		}
	}

	private Keys current() {
		Keys loaded = keys;
		if (loaded.active() == null
				|| System.currentTimeMillis() - loaded.loadedAt() > properties.keyReloadInterval().toMillis()) {
			return reload();
		}
		return loaded;
	}

	private synchronized Keys reload() {
		List<StoredKey> stored = read();
		if (stored.stream().noneMatch(StoredKey::active)) {
			transactions.executeWithoutResult(status -> {
				lock();
				Integer active = jdbc.queryForObject(
						"SELECT count(*) FROM authserver_signing_key WHERE status = 'active'", Integer.class);
				if (active == null || active == 0) {
					insertNewKey();
					log.info("Created the first token signing key");
				}
			});
			stored = read();
		}
		ECKey active = null;
		List<JWK> published = new ArrayList<>();
		for (StoredKey key : stored) {
			if (key.active()) {
				active = parse(new String(encryption.open(key.sealedPrivate(), PURPOSE), StandardCharsets.UTF_8));
			}
			published.add(parse(key.publicJwk()));
		}
		this.keys = new Keys(active, new JWKSet(published), System.currentTimeMillis());
		return this.keys;
	}

	private record StoredKey(String publicJwk, String sealedPrivate, boolean active) {
	}

	private List<StoredKey> read() {
		return jdbc.query("""
				SELECT public_jwk, private_jwk_sealed, status = 'active' AS active
				FROM authserver_signing_key
				WHERE status = 'active' OR published_until > now()
				ORDER BY status = 'active' DESC, created_at DESC""",
				(row, number) -> new StoredKey(row.getString(1), row.getString(2), row.getBoolean(3)));
	}

	private void lock() {
		jdbc.query("SELECT pg_advisory_xact_lock(?)", row -> null, LOCK);
	}

	private void insertNewKey() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(ALGORITHM)
				.issueTime(new Date())
				.generate();
			jdbc.update(
					"INSERT INTO authserver_signing_key (kid, public_jwk, private_jwk_sealed, status) VALUES (?, ?, ?, 'active')",
					key.getKeyID(), key.toPublicJWK().toJSONString(), encryption.seal(key.toJSONString(), PURPOSE));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static ECKey parse(String json) {
		try {
			return ECKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a JWK", ex);
		}
	}

}
