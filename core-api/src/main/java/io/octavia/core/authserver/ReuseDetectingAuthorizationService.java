package io.octavia.core.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Refresh-token reuse detection around the JDBC authorization service. Refresh tokens
 * rotate on every use; the one rotated away is remembered (by its SHA-256) until it would
 * have expired. When it is presented again, someone holds a copy — the thief or the
 * legitimate client, we cannot tell — so the whole authorization (its current access and
 * refresh tokens) is revoked, the gateway refuses the access tokens already issued for it
 * ({@link RevokedAuthorizations}), and the request fails like any unknown token.
 */
class ReuseDetectingAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(ReuseDetectingAuthorizationService.class);

	private final OAuth2AuthorizationService delegate;

	private final JdbcTemplate jdbc;

	private final RevokedAuthorizations revoked;

	ReuseDetectingAuthorizationService(OAuth2AuthorizationService delegate, JdbcTemplate jdbc,
			RevokedAuthorizations revoked) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.revoked = revoked;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
		if (refreshToken != null) {
			OAuth2Authorization previous = delegate.findById(authorization.getId());
			OAuth2Authorization.Token<OAuth2RefreshToken> rotated = (previous != null) ? previous.getRefreshToken()
					: null;
			if (rotated != null
					&& !rotated.getToken().getTokenValue().equals(refreshToken.getToken().getTokenValue())) {
				Instant expiresAt = rotated.getToken().getExpiresAt();
				jdbc.update("""
						INSERT INTO oauth2_rotated_refresh_token (token_hash, authorization_id, expires_at)
						VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING""",
						hash(rotated.getToken().getTokenValue()), authorization.getId(),
						Timestamp.from(expiresAt != null ? expiresAt : Instant.now().plusSeconds(86_400)));
			}
		}
		delegate.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		delegate.remove(authorization);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return delegate.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
			List<String> family = jdbc.queryForList(
					"SELECT authorization_id FROM oauth2_rotated_refresh_token WHERE token_hash = ?", String.class,
					hash(token));
			if (!family.isEmpty()) {
				OAuth2Authorization authorization = delegate.findById(family.get(0));
				if (authorization != null) {
					log.warn("A rotated refresh token was presented again: revoked authorization {} of client {}",
							authorization.getId(), authorization.getRegisteredClientId());
					delegate.remove(authorization);
					// its access tokens are self-contained: the gateway must hear of it
					revoked.revoke(authorization.getId());
				}
				return null;
			}
		}
		return delegate.findByToken(token, tokenType);
	}

	@Scheduled(fixedDelayString = "${octavia.authserver.cleanup-interval:10m}",
			initialDelayString = "${octavia.authserver.cleanup-interval:10m}")
	void removeExpired() {
		jdbc.update("DELETE FROM oauth2_rotated_refresh_token WHERE expires_at < now()");
		jdbc.update("""
				DELETE FROM oauth2_authorization
				WHERE greatest(access_token_expires_at, refresh_token_expires_at, authorization_code_expires_at)
				      < now() - interval '1 hour'""");
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
