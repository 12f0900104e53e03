package io.octavia.core.bench;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.octavia.core.gateway.AuthenticatedCaller;
import io.octavia.core.gateway.Authenticator;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Component;

/**
 * For the ledger benchmark only, never part of the application: trusts
 * {@code x-bench-operator: <name>} as a platform operator who may create tenants, and
 * {@code x-bench-credential: <tenant id>} as a caller of that tenant with the three ledger
 * permissions. A credential that costs nothing to check keeps the measurement on the ledger
 * (what a real credential adds: see the gateway and API-key sections of BENCHMARKS.md).
 * bench/ledger/run.sh compiles it next to the unpacked jar.
 */
@Component
class BenchLedgerAuthenticator implements Authenticator {

	private static final Set<String> OPERATOR = Set.of("tenants:read", "tenants:write");

	private static final Set<String> LEDGER = Set.of("ledger:read", "ledger:write", "ledger:admin");

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String tenant = request.getHeader("x-bench-credential");
		if (tenant != null) {
			return Optional.of(new AuthenticatedCaller(TenantId.of(tenant), null, null, "bench:" + tenant, LEDGER));
		}
		String operator = request.getHeader("x-bench-operator");
		return (operator != null)
				? Optional.of(new AuthenticatedCaller(null, null, null, "bench:" + operator, OPERATOR))
				: Optional.empty();
	}

}
