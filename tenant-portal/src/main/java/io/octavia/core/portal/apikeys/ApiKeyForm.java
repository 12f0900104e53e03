package io.octavia.core.portal.apikeys;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.CreateApiKey;
import io.octavia.core.apikeys.IpRange;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.FormErrors;

/**
 * The new-key form as the browser sends it. The console reads what only it can (a date, a
 * number, one range per line, naming the line that is wrong); the domain checks the rest,
 * the scopes against what the person holds included.
 *
 * @param scopes the ticked scopes; an unticked box sends nothing
 * @param brandId a brand of the tenant, or blank for every brand
 * @param expiresOn {@code yyyy-MM-dd}: the key works to the end of that day in the
 * tenant's time zone; blank for never
 * @param ipAllowList one address or CIDR range per line; blank for anywhere
 * @param rateLimitPerMinute blank for the plan's
 * @param signing ticked: a signing secret is issued and requests must be signed
 */
record ApiKeyForm(@Nullable String name, @Nullable List<String> scopes, @Nullable String mode, @Nullable String brandId,
		@Nullable String expiresOn, @Nullable String ipAllowList, @Nullable String rateLimitPerMinute,
		@Nullable Boolean signing) {

	static ApiKeyForm blank() {
		return new ApiKeyForm("", List.of(), ApiKeyMode.LIVE.value(), "", "", "", "", false);
	}

	public boolean has(String scope) {
		return scopes != null && scopes.contains(scope);
	}

	public boolean signs() {
		return Boolean.TRUE.equals(signing);
	}

	/**
	 * The command, or (command null) the form's own problems: an unreadable date, number,
	 * mode, brand or range.
	 */
	Parsed parse(ZoneId zone) {
		Map<String, List<FormErrors.Message>> problems = new LinkedHashMap<>();
		ApiKeyMode parsedMode = ApiKeyMode.LIVE;
		if (present(mode)) {
			try {
				parsedMode = ApiKeyMode.of(mode.strip());
			}
			catch (IllegalArgumentException ex) {
				add(problems, "mode", "api.field.api_key.mode");
			}
		}
		BrandId brand = null;
		if (present(brandId)) {
			try {
				brand = BrandId.of(brandId.strip());
			}
			catch (IllegalArgumentException ex) {
				add(problems, "brandId", "api.field.api_key.brand");
			}
		}
		Instant expiresAt = null;
		if (present(expiresOn)) {
			try {
				// usable through the chosen day: it ends when the next one starts
				expiresAt = LocalDate.parse(expiresOn.strip()).plusDays(1).atStartOfDay(zone).toInstant();
			}
			catch (DateTimeException ex) {
				add(problems, "expiresOn", "api.field.api_key.expires_at");
			}
		}
		Integer rateLimit = null;
		if (present(rateLimitPerMinute)) {
			try {
				rateLimit = Integer.valueOf(rateLimitPerMinute.strip());
			}
			catch (NumberFormatException ex) {
				add(problems, "rateLimitPerMinute", "api.field.api_key.rate_limit",
						ApiKeyManagement.MAX_RATE_LIMIT_PER_MINUTE);
			}
		}
		List<String> ranges = ranges();
		for (String range : ranges) {
			if (IpRange.parse(range).isEmpty()) {
				add(problems, "ipAllowList", "portal.api_keys.field.ip_invalid", range);
			}
		}
		if (!problems.isEmpty()) {
			return new Parsed(null, new FormErrors(problems, List.of()));
		}
		Set<String> ticked = (scopes != null) ? new LinkedHashSet<>(scopes) : Set.of();
		return new Parsed(new CreateApiKey(name, ticked, parsedMode, brand, expiresAt, ranges, rateLimit, signs()),
				FormErrors.none());
	}

	/** The lines of the allow-list that say something. */
	List<String> ranges() {
		if (ipAllowList == null) {
			return List.of();
		}
		return Arrays.stream(ipAllowList.split("[\\s,;]+")).filter(line -> !line.isBlank()).toList();
	}

	/**
	 * The domain's refusal at the form's fields: a scope the person does not hold is
	 * shown at the scopes, a field problem repeated per range once.
	 */
	static FormErrors errors(DomainProblem problem) {
		FormErrors errors = FormErrors.of(problem, Map.of("api_key_scope_not_held", "scopes"),
				Map.of("expiresAt", "expiresOn"));
		Map<String, List<FormErrors.Message>> distinct = new LinkedHashMap<>();
		errors.fields().forEach((field, messages) -> distinct.put(field, List.copyOf(new LinkedHashSet<>(messages))));
		return new FormErrors(distinct, errors.form());
	}

	private static void add(Map<String, List<FormErrors.Message>> problems, String field, String key,
			Object... arguments) {
		problems.computeIfAbsent(field, name -> new ArrayList<>()).add(new FormErrors.Message(key, List.of(arguments)));
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	record Parsed(@Nullable CreateApiKey command, FormErrors errors) {
	}

}
