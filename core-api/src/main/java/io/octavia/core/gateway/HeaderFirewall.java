package io.octavia.core.gateway;

import java.util.function.Predicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its own rule for header names, header values and
 * parameter names — every code point assigned and none a control character — checked by a
 * loop instead of the regular expression {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} the
 * firewall uses by default. The rule is the same; its cost is not: the firewall checks a
 * header each time it is read, and the regular expression looks up two Unicode properties
 * for every character, which made the long {@code Signature-Input} and {@code Signature}
 * headers of a signed request measurably dearer (BENCHMARKS.md).
 */
@Configuration(proxyBeanMethods = false)
class HeaderFirewall {

	/** The firewall's default rule, as a predicate without a regular expression. */
	static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = HeaderFirewall::assignedAndNotControl;

	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
		firewall.setAllowedHeaderValues(ASSIGNED_AND_NOT_CONTROL);
		firewall.setAllowedParameterNames(ASSIGNED_AND_NOT_CONTROL);
		return firewall;
	}

	static boolean assignedAndNotControl(String text) {
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			// printable ASCII, nearly every header: assigned and not a control character
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || type == Character.CONTROL) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
