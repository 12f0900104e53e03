package io.octavia.core.authserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.octavia.core.authserver.federation.FederatedSessions;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.ResolvedHostname;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What access and ID tokens say about their holder: {@code tenant_id} (absent for
 * operators), {@code permissions} from {@link RolePermissions}, {@code actor_type}
 * ({@code user} or {@code client}) and, on access tokens, the API audience.
 * <p>
 * A user with several memberships names the tenant with the authorization request
 * parameter {@code tenant_id}; without it, a user acts in their oldest membership, and an
 * operator (a user with platform roles) acts as operator. A machine client acts in the
 * tenant that registered it with the scopes it was granted, never more than a tenant's
 * permissions. Disabled accounts and suspended or closed tenants get no tokens.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String TENANT_PARAMETER = "tenant_id";

	static final String CLIENT_TENANT_SETTING = "settings.client.octavia.tenant-id";

	private static final Set<String> TENANT_PERMISSIONS = RolePermissions.of(TenantRole.OWNER);

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	private final AuthorizationServerProperties properties;

	private final BrandManagement brands;

	// the token endpoint answers hundreds of machine clients a second; a suspension is
	// seen within seconds
	private final Cache<TenantId, Optional<TenantStatus>> tenantStatus = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(5))
		.build();

	TokenClaims(IdentityManagement identity, TenantManagement tenants, AuthorizationServerProperties properties,
			BrandManagement brands) {
		this.identity = identity;
		this.tenants = tenants;
		this.properties = properties;
		this.brands = brands;
	}

	/** Who a token is for, as the claims tell it. */
	record Holder(@Nullable TenantId tenant, Set<String> permissions, String actorType) {
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		if (!accessToken && !idToken) {
			return;
		}
		Holder holder = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				? machineClient(context) : user(context);
		context.getClaims().claims(claims -> {
			if (holder.tenant() != null) {
				claims.put("tenant_id", holder.tenant().toString());
			}
			// mutable collections: the claims are also stored with the authorization, and
			// its JSON mapper admits only the usual collection types
			claims.put("permissions", new ArrayList<>(new TreeSet<>(holder.permissions())));
			claims.put("actor_type", holder.actorType());
		});
		String brand = ("user".equals(holder.actorType()) && holder.tenant() != null)
				? requestedOnBrand(context.getAuthorization(), holder.tenant()) : null;
		if (brand != null) {
			context.getClaims().claim("brand_id", brand);
		}
		// the email scope: the address and whether it is proven, so relying parties (also
		// this platform, federating to another Octavia) can trust it
		if (idToken && "user".equals(holder.actorType()) && context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
			UserProfile profile = identity.profile(UserId.of(context.getPrincipal().getName()));
			context.getClaims().claim("email", profile.email()).claim("email_verified", profile.emailVerified());
		}
		if (idToken && "user".equals(holder.actorType())) {
			List<String> methods = authenticationMethods(context);
			if (!methods.isEmpty()) {
				context.getClaims().claim("amr", methods);
			}
		}
		if (accessToken) {
			context.getClaims().audience(new ArrayList<>(List.of(properties.audience())));
			if (context.getAuthorization() != null && "user".equals(holder.actorType())) {
				context.getClaims().claim(RevokedAuthorizations.CLAIM, context.getAuthorization().getId());
			}
		}
	}

	/**
	 * The ID token's {@code amr} (RFC 8176) from the factors of the sign-in: {@code pwd}
	 * for a password, {@code otp} and {@code mfa} for a TOTP or recovery code after it. A
	 * relying party that federates to this issuer (another tenant's policy) can rely on
	 * it.
	 */
	private static List<String> authenticationMethods(JwtEncodingContext context) {
		List<String> methods = new ArrayList<>();
		var authorities = context.getPrincipal().getAuthorities();
		if (authorities.stream().anyMatch(a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()))) {
			methods.add("pwd");
		}
		if (authorities.stream().anyMatch(a -> "FACTOR_TOTP".equals(a.getAuthority()))) {
			methods.add("otp");
			methods.add("mfa");
		}
		return methods;
	}

	private Holder machineClient(JwtEncodingContext context) {
		String tenant = context.getRegisteredClient().getClientSettings().getSetting(CLIENT_TENANT_SETTING);
		if (tenant == null) {
			throw denied("The client belongs to no tenant");
		}
		TenantId tenantId = TenantId.of(tenant);
		requireOpen(tenantId);
		// without a scope parameter the client gets all its scopes
		Set<String> permissions = new TreeSet<>(context.getAuthorizedScopes().isEmpty()
				? context.getRegisteredClient().getScopes() : context.getAuthorizedScopes());
		permissions.retainAll(TENANT_PERMISSIONS);
		return new Holder(tenantId, permissions, "client");
	}

	private Holder user(JwtEncodingContext context) {
		UserId userId;
		try {
			userId = UserId.of(context.getPrincipal().getName());
		}
		catch (IllegalArgumentException ex) {
			throw denied("Not a user");
		}
		UserSummary user = identity.find(userId)
			.filter(account -> account.status() == UserStatus.ACTIVE)
			.orElseThrow(() -> denied("The account is disabled"));
		String asked = requestedTenant(context.getAuthorization());
		// a sign-in through a tenant's provider reaches that tenant only
		TenantId confined = FederatedSessions.confinedTenant(context.getPrincipal());
		if (confined != null && asked != null && !confined.toString().equalsIgnoreCase(asked)) {
			throw denied("The sign-in counts for another tenant only");
		}
		String requested = (confined != null) ? confined.toString() : asked;
		List<Membership> memberships = identity.membershipsOf(userId);
		if (requested == null && !user.platformRoles().isEmpty()) {
			return new Holder(null, RolePermissions.ofPlatformRoles(user.platformRoles()), "user");
		}
		Membership membership = memberships.stream()
			.filter(candidate -> requested == null || candidate.tenantId().toString().equalsIgnoreCase(requested))
			.findFirst()
			.orElseThrow(() -> denied("Not a member of the tenant"));
		requireOpen(membership.tenantId());
		return new Holder(membership.tenantId(), membership.permissions(), "user");
	}

	private static @Nullable String requestedTenant(@Nullable OAuth2Authorization authorization) {
		if (authorization == null) {
			return null;
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request == null) {
			return null;
		}
		Object tenant = request.getAdditionalParameters().get(TENANT_PARAMETER);
		return (tenant instanceof String text && !text.isBlank()) ? text.strip() : null;
	}

	/**
	 * The brand whose host name the authorization request came to, when it belongs to the
	 * token's tenant.
	 */
	private @Nullable String requestedOnBrand(@Nullable OAuth2Authorization authorization, TenantId tenant) {
		OAuth2AuthorizationRequest request = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		if (request == null) {
			return null;
		}
		String host = UriComponentsBuilder.fromUriString(request.getAuthorizationUri()).build().getHost();
		if (host == null) {
			return null;
		}
		return brands.resolveHostname(host.toLowerCase(Locale.ROOT))
			.filter(resolved -> resolved.tenantId().equals(tenant))
			.map(ResolvedHostname::brandId)
			.map(Object::toString)
			.orElse(null);
	}

	private void requireOpen(TenantId tenant) {
		Optional<TenantStatus> status = tenantStatus.get(tenant,
				id -> TenantContext.call(TenantContext.Scope.tenant(id, "system:authserver"),
						() -> tenants.find(id).map(TenantDetails::status)));
		if (status.isEmpty() || !(status.get() == TenantStatus.ACTIVE || status.get() == TenantStatus.PROVISIONING)) {
			throw denied("The tenant is not active");
		}
	}

	private static OAuth2AuthenticationException denied(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, description, null));
	}

}
