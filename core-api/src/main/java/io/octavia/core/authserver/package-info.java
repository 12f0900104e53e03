/**
 * The OAuth2/OIDC authorization server built into the application: discovery, JWKS,
 * authorization code with PKCE, client credentials for machine clients, refresh tokens
 * with rotation and reuse detection, revocation, introspection, RP-initiated logout, the
 * sign-in pages, and the signing keys behind the access tokens that the gateway verifies.
 */
@ApplicationModule(displayName = "Authorization server")
@NullMarked
package io.octavia.core.authserver;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
