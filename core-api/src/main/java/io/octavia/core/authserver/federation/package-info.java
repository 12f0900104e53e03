/**
 * Sign-in through a tenant's external OpenID Connect provider: the issuer acts as an OIDC
 * client of the tenant's issuer (authorization code with PKCE, state and nonce, ID token
 * checked against the provider's JWKS), then lets the verified address join the tenant
 * just in time and completes the waiting authorization request.
 */
@NullMarked
package io.octavia.core.authserver.federation;

import org.jspecify.annotations.NullMarked;
