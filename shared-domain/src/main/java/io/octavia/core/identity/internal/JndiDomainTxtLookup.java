package io.octavia.core.identity.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import io.octavia.core.identity.DomainTxtLookup;

/**
 * TXT records through the JDK's own DNS client (JNDI's {@code dns:} provider), asking the
 * configured servers or, without any, the system's resolvers. No caching here: the
 * servers asked cache as they like, and a tenant who just published a record wants it
 * found.
 */
class JndiDomainTxtLookup implements DomainTxtLookup {

	private final IdentityProperties.DomainVerification settings;

	JndiDomainTxtLookup(IdentityProperties.DomainVerification settings) {
		this.settings = settings;
	}

	@Override
	public List<String> txtRecords(String name) {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		if (!settings.servers().isEmpty()) {
			environment.put(Context.PROVIDER_URL, String.join(" ", settings.servers()));
		}
		environment.put("com.sun.jndi.dns.timeout.initial", String.valueOf(settings.timeout().toMillis()));
		environment.put("com.sun.jndi.dns.timeout.retries", "2");
		DirContext dns = null;
		try {
			dns = new InitialDirContext(environment);
			Attribute txt = dns.getAttributes(name, new String[] { "TXT" }).get("TXT");
			List<String> records = new ArrayList<>();
			if (txt != null) {
				NamingEnumeration<?> values = txt.getAll();
				while (values.hasMore()) {
					records.add(joined(String.valueOf(values.next())));
				}
			}
			return records;
		}
		catch (NameNotFoundException ex) {
			return List.of();
		}
		catch (NamingException ex) {
			throw new LookupFailed("TXT lookup of " + name + " failed: " + ex.getMessage(), ex);
		}
		finally {
			close(dns);
		}
	}

	/**
	 * JNDI shows a record of several character-strings as the strings separated by spaces
	 * (quoted where they contain spaces); a long value split into strings is meant whole.
	 * Spaces inside a string go too, which verification values never contain.
	 */
	private static String joined(String value) {
		return value.replace("\"", "").replace(" ", "");
	}

	private static void close(DirContext dns) {
		if (dns != null) {
			try {
				dns.close();
			}
			catch (NamingException ex) {
				// nothing held open that matters
			}
		}
	}

}
