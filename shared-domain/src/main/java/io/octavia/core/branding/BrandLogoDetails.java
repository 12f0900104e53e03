package io.octavia.core.branding;

import java.time.Instant;

/**
 * What is known about a brand's logo without its bytes.
 *
 * @param contentType {@code image/png}, {@code image/svg+xml} or {@code image/webp}, as
 * detected from the bytes
 * @param sha256 hex digest of the stored bytes; changes whenever the logo does
 * @param size bytes stored (for an SVG: after sanitising)
 */
public record BrandLogoDetails(String contentType, String sha256, int size, Instant updatedAt) {
}
