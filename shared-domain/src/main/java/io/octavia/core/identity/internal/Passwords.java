package io.octavia.core.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.platform.FieldProblems;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What a password must be, and how it is stored: Argon2id with Spring Security's current
 * parameters (16 MiB, 2 iterations); the parameters are stored in each hash, so raising
 * them later keeps old hashes valid.
 */
@Component
public class Passwords {

	private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	// compared against when there is no hash, so every path costs one Argon2 hash
	private final String decoyHash = encoder.encode("decoy password that matches nothing");

	private final Set<String> common = load("identity/common-passwords.txt");

	/**
	 * Adds a field problem when the password is too short, too long or among the common
	 * passwords (ignoring case).
	 */
	public void check(@Nullable String rawPassword, String field, FieldProblems problems) {
		if (rawPassword == null || rawPassword.length() < IdentityManagement.MIN_PASSWORD_LENGTH
				|| rawPassword.length() > IdentityManagement.MAX_PASSWORD_LENGTH) {
			problems.add(field, "api.field.password_length", IdentityManagement.MIN_PASSWORD_LENGTH,
					IdentityManagement.MAX_PASSWORD_LENGTH);
		}
		else if (common.contains(rawPassword.toLowerCase(Locale.ROOT))) {
			problems.add(field, "api.field.password_common");
		}
	}

	String encode(String rawPassword) {
		return encoder.encode(rawPassword);
	}

	/**
	 * Whether the password matches; as slow for a missing hash as for a wrong password.
	 */
	boolean matches(@Nullable String rawPassword, @Nullable String hash) {
		boolean matches = encoder.matches((rawPassword != null) ? rawPassword : "", (hash != null) ? hash : decoyHash);
		return matches && hash != null && rawPassword != null;
	}

	private static Set<String> load(String resource) {
		Set<String> passwords = new HashSet<>(64_000);
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource, ex);
		}
		return Set.copyOf(passwords);
	}

}
