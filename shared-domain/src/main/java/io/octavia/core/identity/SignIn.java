package io.octavia.core.identity;

/**
 * The outcome of a correct password.
 *
 * @param user who signed in
 * @param secondFactorRequired the user must still present a TOTP or recovery code
 * ({@link IdentityManagement#verifySecondFactor}) before the sign-in completes
 */
public record SignIn(UserSummary user, boolean secondFactorRequired) {
}
