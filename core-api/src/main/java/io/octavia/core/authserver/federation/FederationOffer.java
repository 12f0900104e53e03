package io.octavia.core.authserver.federation;

/**
 * What the sign-in page offers: "Sign in with {@code displayName}", a link to
 * {@code startPath}.
 */
public record FederationOffer(String displayName, String startPath) {
}
