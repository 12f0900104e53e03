package io.octavia.core.portal.members;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.Member;
import io.octavia.core.identity.MemberPage;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.web.ConsoleLinks;
import io.octavia.core.platform.web.FormErrors;

/**
 * One page of the tenant's members: the filters as entered, the members and the link to
 * the next page.
 *
 * @param role a {@link TenantRole#value()}, or blank for any
 * @param status a {@link UserStatus#value()}, or blank for any
 * @param moreUrl the list's URL for the next page; null on the last
 */
record MemberListView(@Nullable String role, @Nullable String status, List<Member> members, @Nullable String moreUrl,
		FormErrors errors) {

	static final int PAGE_SIZE = 25;

	static final List<TenantRole> ROLES = List.of(TenantRole.values());

	static final List<UserStatus> STATUSES = List.of(UserStatus.values());

	/** The query, or null when a filter names no role or status we know. */
	static @Nullable MemberQuery query(@Nullable String role, @Nullable String status, @Nullable String cursor) {
		TenantRole wantedRole = null;
		UserStatus wantedStatus = null;
		try {
			if (present(role)) {
				wantedRole = TenantRole.of(role.strip().toLowerCase(Locale.ROOT));
			}
			if (present(status)) {
				wantedStatus = UserStatus.of(status.strip().toLowerCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return new MemberQuery(wantedRole, wantedStatus, present(cursor) ? cursor.strip() : null, PAGE_SIZE);
	}

	static MemberListView of(@Nullable String role, @Nullable String status, MemberPage page, String url) {
		String more = null;
		if (page.nextCursor() != null) {
			Map<String, String> parameters = new LinkedHashMap<>();
			if (present(role)) {
				parameters.put("role", role.strip());
			}
			if (present(status)) {
				parameters.put("status", status.strip());
			}
			parameters.put("cursor", page.nextCursor());
			more = ConsoleLinks.withQuery(url, parameters);
		}
		return new MemberListView(role, status, page.items(), more, FormErrors.none());
	}

	static MemberListView refused(@Nullable String role, @Nullable String status, FormErrors errors) {
		return new MemberListView(role, status, List.of(), null, errors);
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
