package io.octavia.core.bench;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.gateway.AuthenticatedCaller;
import io.octavia.core.gateway.Authenticator;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Component;

/**
 * For the gateway benchmark only, never part of the application: the shipped jar has no
 * authenticator yet, so this one trusts {@code x-bench-credential: <tenant id>}. bench/gateway/run.sh
 * compiles it next to the unpacked jar.
 */
@Component
class BenchAuthenticator implements Authenticator {

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String tenant = request.getHeader("x-bench-credential");
		return (tenant != null)
				? Optional.of(new AuthenticatedCaller(TenantId.of(tenant), null, null, "bench:" + tenant, Set.of()))
				: Optional.empty();
	}

}
