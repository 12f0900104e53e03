package io.octavia.core.identity;

import java.util.List;

/**
 * Reads DNS TXT records, for the verification of tenants' e-mail domains. The default
 * asks the configured DNS servers ({@code octavia.identity.domain-verification.*}).
 */
public interface DomainTxtLookup {

	/**
	 * The TXT records at a name, each as one string: its character-strings joined, quotes
	 * and spaces dropped (verification values have neither); empty when the name or its
	 * TXT records do not exist.
	 * @throws LookupFailed when no DNS server answered
	 */
	List<String> txtRecords(String name);

	/** No DNS server answered in time, or none could be asked. */
	class LookupFailed extends RuntimeException {

		public LookupFailed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
