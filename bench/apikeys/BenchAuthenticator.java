package io.octavia.core.bench;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.gateway.AuthenticatedCaller;
import io.octavia.core.gateway.Authenticator;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Component;

/**
 * For the API-key benchmark only, never part of the application: trusts
 * {@code x-bench-credential: <tenant id>} with {@code keys:manage}, so that the script can
 * create the API key it measures with. bench/apikeys/run.sh compiles it next to the unpacked jar.
 */
@Component
class BenchAuthenticator implements Authenticator {

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String tenant = request.getHeader("x-bench-credential");
		return (tenant != null) ? Optional.of(new AuthenticatedCaller(TenantId.of(tenant), null, null,
				"bench:" + tenant, Set.of("keys:manage", "keys:read", "tenant:read"))) : Optional.empty();
	}

}
