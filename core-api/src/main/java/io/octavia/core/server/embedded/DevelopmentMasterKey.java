package io.octavia.core.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Development mode's master key for envelope encryption and pepper for client secrets:
 * kept next to the embedded database they protect (so a restart can still open its
 * secrets and check its clients' secrets), or fresh ones for a throw-away run. Production
 * sets {@code octavia.security.master-key} and
 * {@code octavia.security.client-secret-pepper} itself.
 */
final class DevelopmentMasterKey {

	private static final Map<String, String> THROWAWAY = new ConcurrentHashMap<>();

	private DevelopmentMasterKey() {
	}

	static String of(EmbeddedSettings settings) {
		return kept(settings, "master.key");
	}

	static String clientSecretPepper(EmbeddedSettings settings) {
		return kept(settings, "client-secret.pepper");
	}

	private static String kept(EmbeddedSettings settings, String name) {
		if (!settings.persistent()) {
			// one per JVM, like the throw-away servers every application context shares
			return THROWAWAY.computeIfAbsent(name, ignored -> generate());
		}
		Path file = settings.dataDir().resolve(name);
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			Files.createDirectories(settings.dataDir());
			String key = generate();
			Files.writeString(file, key);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the data directory's own permissions apply
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create " + file, ex);
		}
	}

	private static String generate() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
