package io.octavia.core.bench;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.gateway.AuthenticatedCaller;
import io.octavia.core.gateway.Authenticator;

import org.springframework.stereotype.Component;

/**
 * For the tenant-list benchmark only, never part of the application: until operators sign
 * in, this one trusts {@code x-bench-operator: <name>} as a platform operator who may read
 * tenants and audit logs. bench/data/run.sh compiles it next to the unpacked jar.
 */
@Component
class BenchOperatorAuthenticator implements Authenticator {

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String operator = request.getHeader("x-bench-operator");
		return (operator != null) ? Optional.of(new AuthenticatedCaller(null, null, null, "bench:" + operator,
				Set.of("tenants:read", "audit:read"))) : Optional.empty();
	}

}
