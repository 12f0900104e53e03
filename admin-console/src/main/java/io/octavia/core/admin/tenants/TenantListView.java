package io.octavia.core.admin.tenants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.web.ConsoleLinks;
import io.octavia.core.platform.web.FormErrors;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantPage;
import io.octavia.core.tenancy.TenantQuery;
import io.octavia.core.tenancy.TenantStatus;

/**
 * One page of the operator's tenant list: the search as entered, the tenants and the link
 * to the next page.
 *
 * @param q start of a slug or name
 * @param status a {@link TenantStatus#value()}, or blank for any
 * @param moreUrl the list's URL for the next page; null on the last
 */
record TenantListView(@Nullable String q, @Nullable String status, List<TenantDetails> tenants,
		@Nullable String moreUrl, FormErrors errors) {

	static final int PAGE_SIZE = 25;

	static final List<TenantStatus> STATUSES = List.of(TenantStatus.values());

	/** The query, or null with {@code errors} when the status is not one we know. */
	static @Nullable TenantQuery query(@Nullable String q, @Nullable String status, @Nullable String cursor) {
		TenantStatus wanted = null;
		if (status != null && !status.isBlank()) {
			wanted = STATUSES.stream()
				.filter(candidate -> candidate.value().equals(status.strip().toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElse(null);
			if (wanted == null) {
				return null;
			}
		}
		String prefix = (q != null && !q.isBlank()) ? q.strip() : null;
		String after = (cursor != null && !cursor.isBlank()) ? cursor.strip() : null;
		return new TenantQuery(prefix, wanted, after, PAGE_SIZE);
	}

	static TenantListView of(@Nullable String q, @Nullable String status, TenantPage page, String url) {
		String more = null;
		if (page.nextCursor() != null) {
			Map<String, String> parameters = new LinkedHashMap<>();
			if (q != null && !q.isBlank()) {
				parameters.put("q", q.strip());
			}
			if (status != null && !status.isBlank()) {
				parameters.put("status", status.strip());
			}
			parameters.put("cursor", page.nextCursor());
			more = ConsoleLinks.withQuery(url, parameters);
		}
		return new TenantListView(q, status, page.items(), more, FormErrors.none());
	}

	static TenantListView refused(@Nullable String q, @Nullable String status, FormErrors errors) {
		return new TenantListView(q, status, List.of(), null, errors);
	}

}
