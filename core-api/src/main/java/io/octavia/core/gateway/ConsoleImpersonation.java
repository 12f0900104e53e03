package io.octavia.core.gateway;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.octavia.core.identity.Impersonation;
import io.octavia.core.identity.ImpersonationManagement;
import io.octavia.core.identity.web.ImpersonationSession;

import org.springframework.stereotype.Component;

/**
 * Turns an operator in an impersonation into the user they act as, on tenant portal pages
 * only: the operator console stays theirs (to end it), and the API never reads the
 * session. The record is checked on every request, so an impersonation ended or expired
 * stops at once; the operator is then an operator again, whom the portal sends back to
 * the operator console.
 */
@Component
class ConsoleImpersonation {

	private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final ImpersonationManagement impersonations;

	ConsoleImpersonation(ImpersonationManagement impersonations) {
		this.impersonations = impersonations;
	}

	AuthenticatedCaller actingAs(AuthenticatedCaller caller, HttpServletRequest request) {
		String path = request.getRequestURI();
		if (caller.tenantId() != null || caller.userId() == null
				|| !(path.equals("/portal") || path.startsWith("/portal/"))) {
			return caller;
		}
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ImpersonationSession.ATTRIBUTE) instanceof UUID id)) {
			return caller;
		}
		Optional<Impersonation> active = impersonations.active(id, caller.userId());
		if (active.isEmpty()) {
			session.removeAttribute(ImpersonationSession.ATTRIBUTE);
			request.setAttribute(ImpersonationSession.OVER, Boolean.TRUE);
			return caller;
		}
		Impersonation impersonation = active.get();
		request.setAttribute(ImpersonationSession.BANNER,
				new ImpersonationSession.Banner(impersonation.userName(), END.format(impersonation.endsAt())));
		return new AuthenticatedCaller(impersonation.tenantId(), null, impersonation.userId(), impersonation.actor(),
				impersonations.permissions(impersonation, caller.authorities()));
	}

}
