package io.octavia.core.platform.crypto;

/**
 * Wraps and unwraps data keys with a key encryption key that never leaves the provider.
 * The local provider holds a master key from configuration; a KMS or Vault provider
 * implements the same two calls remotely.
 */
public interface KeyProvider {

	/**
	 * Names the key encryption key, stored with every wrapped key so rotation can tell.
	 */
	String keyId();

	byte[] wrap(byte[] dataKey);

	/**
	 * @param keyId the key that wrapped it (the current one, or one kept for old secrets)
	 */
	byte[] unwrap(String keyId, byte[] wrappedDataKey);

}
