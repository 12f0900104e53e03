package io.octavia.core.branding;

import java.time.Instant;

/**
 * A brand's logo, ready to serve.
 *
 * @param contentType {@code image/png}, {@code image/svg+xml} or {@code image/webp}
 * @param bytes the image; an SVG as sanitised on upload
 * @param sha256 hex digest of {@code bytes}, usable as an entity tag
 */
public record BrandLogo(String contentType, byte[] bytes, String sha256, Instant updatedAt) {

	public static final String PNG = "image/png";

	public static final String SVG = "image/svg+xml";

	public static final String WEBP = "image/webp";

	/** Largest logo accepted: 1 MiB. */
	public static final int MAX_BYTES = 1024 * 1024;

	public boolean isSvg() {
		return SVG.equals(contentType);
	}

}
