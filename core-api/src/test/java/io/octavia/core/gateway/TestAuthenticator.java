package io.octavia.core.gateway;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.stereotype.Component;

/**
 * Exists only on the test classpath: stands in for the real credentials (JWT, API key) in
 * tests of the mechanisms behind the gateway. Header
 * {@code x-test-credential: tenant=<uuid>;brand=<uuid>;user=<uuid>;authorities=a,b}; a
 * {@code brand} binds the credential to that brand.
 */
@Component
class TestAuthenticator implements Authenticator {

	static final String HEADER = "x-test-credential";

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String credential = request.getHeader(HEADER);
		if (credential == null) {
			return Optional.empty();
		}
		Map<String, String> parts = new HashMap<>();
		Arrays.stream(credential.split(";"))
			.map(part -> part.split("=", 2))
			.forEach(kv -> parts.put(kv[0].trim(), kv[1].trim()));
		TenantId tenant = parts.containsKey("tenant") ? TenantId.of(parts.get("tenant")) : null;
		BrandId brand = parts.containsKey("brand") ? BrandId.of(parts.get("brand")) : null;
		UserId user = parts.containsKey("user") ? UserId.of(parts.get("user")) : null;
		Set<String> authorities = parts.containsKey("authorities")
				? Arrays.stream(parts.get("authorities").split(",")).collect(Collectors.toSet()) : Set.of();
		return Optional
			.of(new AuthenticatedCaller(tenant, brand, user, "test:" + (user != null ? user : tenant), authorities));
	}

	static String credential(TenantId tenant) {
		return "tenant=" + tenant;
	}

}
