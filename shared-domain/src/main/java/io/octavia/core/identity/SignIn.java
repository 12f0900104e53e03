package io.octavia.core.identity;

/**
 * The outcome of a correct password.
 *
 * @param user who signed in
 * @param secondFactorRequired the user must still present a TOTP or recovery code
 * ({@link IdentityManagement#verifySecondFactor}) before the sign-in completes
 * @param enrolmentRequired a tenant of the user requires a second factor and the user has
 * none yet: the sign-in flow sends them to enrol
 * ({@link IdentityManagement#startTotpEnrolment}) first
 */
public record SignIn(UserSummary user, boolean secondFactorRequired, boolean enrolmentRequired) {

	public SignIn(UserSummary user, boolean secondFactorRequired) {
		this(user, secondFactorRequired, false);
	}

}
