package io.octavia.core.platform.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Links of console pages that carry their state in the query (filters, cursors). */
public final class ConsoleLinks {

	private ConsoleLinks() {
	}

	/** {@code url} with the parameters, encoded, in their order. */
	public static String withQuery(String url, Map<String, String> parameters) {
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
