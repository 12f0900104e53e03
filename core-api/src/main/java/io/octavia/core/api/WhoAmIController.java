package io.octavia.core.api;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the gateway says the caller is, for any kind of credential. */
@RestController
@Tag(name = "Who am I", description = "The verified caller")
class WhoAmIController {

	/**
	 * @param credential {@code key}, {@code user}, {@code client} or another actor kind
	 * @param actor as the audit log names it, e.g. {@code key:<keyId>}
	 * @param keyId the API key's id when the credential is a key
	 * @param scopes what the credential may do: a key's scopes, else the permissions
	 * (named {@code scopes} for every kind, as the Java client reads them)
	 */
	record WhoAmIResponse(@Schema(example = "key") String credential, String actor, @Nullable UUID tenantId,
			@Nullable UUID brandId, @Nullable UUID userId, @Nullable String keyId, Set<String> scopes) {
	}

	@RequiresPermission(value = RequiresPermission.AUTHENTICATED, caller = Caller.EITHER)
	@GetMapping("/api/v1/whoami")
	@Operation(summary = "Who the caller is", description = "Tenant, brand, user or key, and what it may do.")
	WhoAmIResponse whoAmI() {
		TenantContext.Scope scope = TenantContext.current()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "unauthorized"));
		String actor = scope.actor();
		int colon = actor.indexOf(':');
		String kind = (colon > 0) ? actor.substring(0, colon) : actor;
		Set<String> permissions = new TreeSet<>();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null) {
			authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(permissions::add);
		}
		return new WhoAmIResponse(kind, actor, (scope.tenantId() != null) ? scope.tenantId().value() : null,
				(scope.brandId() != null) ? scope.brandId().value() : null,
				(scope.userId() != null) ? scope.userId().value() : null,
				kind.equals("key") ? actor.substring(colon + 1) : null, permissions);
	}

}
