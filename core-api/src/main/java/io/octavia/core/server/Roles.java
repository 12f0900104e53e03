package io.octavia.core.server;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * Reads {@code octavia.roles}: a comma-separated list of {@link Role}s, all when absent.
 */
public final class Roles {

	private Roles() {
	}

	public static Set<Role> from(Environment environment) {
		String value = environment.getProperty("octavia.roles", "api,console,worker");
		EnumSet<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream(value.split(","))
			.map(String::trim)
			.filter(name -> !name.isEmpty())
			.forEach(name -> roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT))));
		return roles;
	}

}
