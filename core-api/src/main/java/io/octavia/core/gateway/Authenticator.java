package io.octavia.core.gateway;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Verifies one kind of credential (console session, bearer JWT, API key with signature).
 * The gateway asks each authenticator in order; the first that recognises a credential
 * decides. Tenant, brand and user always come from the verified credential, never from
 * what the client claims.
 */
public interface Authenticator {

	/**
	 * @return the caller, or empty when the request carries no credential of this kind
	 * @throws io.octavia.core.platform.DomainProblem (401) when it carries one that is
	 * invalid — a bad credential never falls through to another authenticator
	 */
	Optional<AuthenticatedCaller> authenticate(HttpServletRequest request);

}
