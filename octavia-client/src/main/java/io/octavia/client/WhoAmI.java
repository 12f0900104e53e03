package io.octavia.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The caller as the server sees it ({@code GET /api/v1/whoami}).
 *
 * @param tenantId the tenant the credential belongs to
 * @param brandId the brand of the request, if any
 * @param keyId the API key's public id, when the caller used an API key
 * @param scopes what the credential may do
 * @param properties the whole response, for members this record does not name
 */
public record WhoAmI(@Nullable String tenantId, @Nullable String brandId, @Nullable String keyId, List<String> scopes,
		Map<String, @Nullable Object> properties) {

	static WhoAmI of(Map<String, @Nullable Object> json) {
		List<String> scopes = new ArrayList<>();
		if (json.get("scopes") instanceof List<?> items) {
			items.forEach((item) -> scopes.add(String.valueOf(item)));
		}
		return new WhoAmI(OctaviaProblemException.string(json, "tenantId"),
				OctaviaProblemException.string(json, "brandId"), OctaviaProblemException.string(json, "keyId"),
				List.copyOf(scopes), json);
	}

}
