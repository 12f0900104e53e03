package io.octavia.core.identity;

/**
 * A TOTP enrolment that waits for its first code.
 *
 * @param secret the seed in base32, for typing into an authenticator app
 * @param otpauthUri the same as an {@code otpauth://} URI, for a QR code
 */
public record TotpEnrolment(String secret, String otpauthUri) {
}
