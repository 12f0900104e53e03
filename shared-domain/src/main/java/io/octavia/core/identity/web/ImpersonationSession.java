package io.octavia.core.identity.web;

/**
 * How the operator console and the gateway share an impersonation: the console session
 * keeps only its id (the gateway checks the record on every request, so ending or expiry
 * takes effect at once), and the gateway hands the portal's banner what it shows.
 */
public final class ImpersonationSession {

	/** Session attribute: the id of the impersonation the operator is in. */
	public static final String ATTRIBUTE = "octavia.impersonation";

	/** Request attribute with the {@link Banner} the portal shows while it lasts. */
	public static final String BANNER = "impersonation";

	/** Request attribute set when the session's impersonation was found over. */
	public static final String OVER = "octavia.impersonation.over";

	private ImpersonationSession() {
	}

	/**
	 * What the portal's banner shows.
	 *
	 * @param endsAt the end time as the banner shows it
	 */
	public record Banner(String userName, String endsAt) {
	}

}
