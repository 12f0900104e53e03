package io.octavia.core.audit.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.ActorKind;
import io.octavia.core.audit.AuditPage;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.audit.AuditRecord;
import io.octavia.core.platform.DomainProblem;

/**
 * One page of the audit log viewer: the filters as entered, the records, the link to the
 * next page and the fields that could not be read.
 *
 * @param moreUrl the viewer's URL for the next page (filters and cursor); null on the
 * last
 * @param errors message keys of unreadable filters, by field
 */
public record AuditLogView(AuditFilterForm filter, List<AuditRecord> records, @Nullable String moreUrl,
		Map<String, String> errors) {

	/** What the actor kind filter offers. */
	public static final List<ActorKind> ACTOR_KINDS = List.of(ActorKind.values());

	/**
	 * Reads the filters and, if they are sound, the page they ask for.
	 * @param url the viewer's URL, for the next page's link
	 * @param fixed query parameters every link keeps (the operator's tenant)
	 * @param find looks the page up in the right log and scope
	 */
	public static AuditLogView of(AuditFilterForm filter, String url, Map<String, String> fixed,
			Function<AuditQuery, AuditPage> find) {
		Map<String, String> errors = new LinkedHashMap<>();
		AuditQuery query = filter.toQuery(errors);
		if (!errors.isEmpty()) {
			return new AuditLogView(filter, List.of(), null, errors);
		}
		AuditPage page;
		try {
			page = find.apply(query);
		}
		catch (DomainProblem problem) {
			if (problem.fields().isEmpty()) {
				throw problem;
			}
			problem.fields().forEach(field -> errors.put(field.field(), field.messageKey()));
			return new AuditLogView(filter, List.of(), null, errors);
		}
		String more = null;
		if (page.nextCursor() != null) {
			Map<String, String> parameters = new LinkedHashMap<>(fixed);
			parameters.putAll(filter.parameters());
			parameters.put("cursor", page.nextCursor());
			more = link(url, parameters);
		}
		return new AuditLogView(filter, page.records(), more, Map.copyOf(errors));
	}

	/** A view without records, for a log that cannot be shown. */
	public static AuditLogView empty(AuditFilterForm filter) {
		return new AuditLogView(filter, List.of(), null, Map.of());
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	/** {@code url} with the parameters, encoded. */
	public static String link(String url, Map<String, String> parameters) {
		StringBuilder link = new StringBuilder(url);
		char separator = '?';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			link.append(separator)
				.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		return link.toString();
	}

}
