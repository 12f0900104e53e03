package io.octavia.core.apikeys.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.ApiKey;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.platform.BrandId;

/**
 * One key as a console lists it: its metadata, the name of the brand it is restricted to,
 * and its state for the badge.
 *
 * @param brandName null when the key acts for every brand (or the brand is gone)
 * @param state {@code active}, {@code expiring} (active, but stops within the longest
 * rotation grace period: after a rotation or near its expiry date), {@code expired} or
 * {@code revoked}; the message key is {@code apikeys.state.<state>}
 */
public record ApiKeyRow(ApiKey key, @Nullable String brandName, String state) {

	/** Times as the lists show them; the {@code datetime} attribute keeps the instant. */
	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** Keys ending sooner than this are shown as expiring. */
	static final Duration EXPIRING_WITHIN = ApiKeyManagement.MAX_GRACE_PERIOD;

	public static ApiKeyRow of(ApiKey key, Map<BrandId, String> brandNames, Instant now) {
		String brand = (key.brandId() != null) ? brandNames.get(key.brandId()) : null;
		return new ApiKeyRow(key, brand, state(key, now));
	}

	public static List<ApiKeyRow> of(List<ApiKey> keys, Map<BrandId, String> brandNames, Instant now) {
		return keys.stream().map(key -> of(key, brandNames, now)).toList();
	}

	/** A time of the key, to the minute in UTC. */
	public String shown(Instant instant) {
		return SHOWN.format(instant);
	}

	/** The scopes in alphabetical order. */
	public List<String> scopes() {
		return new TreeSet<>(key.scopes()).stream().toList();
	}

	/** Active: the actions that change a key are offered. */
	public boolean active() {
		return key.status() == ApiKeyStatus.ACTIVE;
	}

	/** The badge's CSS modifier. */
	public String badgeClass() {
		return switch (state) {
			case "active" -> "badge-success";
			case "expiring" -> "badge-warning";
			default -> "badge-danger";
		};
	}

	private static String state(ApiKey key, Instant now) {
		if (key.status() != ApiKeyStatus.ACTIVE) {
			return key.status().value();
		}
		if (key.expiresAt() != null && key.expiresAt().isBefore(now.plus(EXPIRING_WITHIN))) {
			return "expiring";
		}
		return "active";
	}

}
