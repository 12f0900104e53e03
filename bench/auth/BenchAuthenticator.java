package io.octavia.core.bench;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.gateway.AuthenticatedCaller;
import io.octavia.core.gateway.Authenticator;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Component;

/**
 * For the auth benchmark only, never part of the application: trusts
 * {@code x-bench-credential: <tenant id>} with {@code clients:manage}, so that the script can
 * register a machine client, and serves as the non-JWT baseline. bench/auth/run.sh compiles it
 * next to the unpacked jar.
 */
@Component
class BenchAuthenticator implements Authenticator {

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String tenant = request.getHeader("x-bench-credential");
		return (tenant != null) ? Optional.of(new AuthenticatedCaller(TenantId.of(tenant), null, null,
				"bench:" + tenant, Set.of("clients:manage"))) : Optional.empty();
	}

}
