package io.octavia.core.api.branding;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandLogo;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Logos over HTTP: uploads read with their own limit, downloads with an entity tag (the
 * digest) and headers that keep a browser from treating the image as anything else.
 */
final class LogoTransfer {

	/**
	 * An SVG shown on its own (opened in a tab) may neither run nor load anything; inline
	 * styles are how SVGs are drawn.
	 */
	static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

	private LogoTransfer() {
	}

	/**
	 * The request body, at most {@value BrandLogo#MAX_BYTES} bytes: a larger one is
	 * refused as {@code brand_logo_too_large} (400), from its announced length when it
	 * has one, else once one byte too many has arrived.
	 */
	static byte[] read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > BrandLogo.MAX_BYTES) {
			throw tooLarge();
		}
		try (InputStream body = request.getInputStream()) {
			byte[] bytes = body.readNBytes(BrandLogo.MAX_BYTES + 1);
			if (bytes.length > BrandLogo.MAX_BYTES) {
				throw tooLarge();
			}
			return bytes;
		}
	}

	/**
	 * The logo with its type, entity tag and caching; 304 when {@code ifNoneMatch} names
	 * the current version.
	 */
	static ResponseEntity<byte[]> respond(BrandLogo logo, @Nullable String ifNoneMatch, CacheControl caching) {
		String etag = "\"" + logo.sha256() + "\"";
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(etag);
		headers.setCacheControl(caching);
		headers.set("X-Content-Type-Options", "nosniff");
		if (logo.isSvg()) {
			headers.set("Content-Security-Policy", SVG_POLICY);
		}
		if (matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		return ResponseEntity.ok()
			.headers(headers)
			.contentType(MediaType.parseMediaType(logo.contentType()))
			.contentLength(logo.bytes().length)
			.body(logo.bytes());
	}

	/** Public assets: any cache may keep them a day (a new logo has a new URL). */
	static CacheControl publicCaching() {
		return CacheControl.maxAge(1, TimeUnit.DAYS).cachePublic();
	}

	/** Through the API: the caller's own copy, revalidated with the entity tag. */
	static CacheControl privateCaching() {
		return CacheControl.noCache().cachePrivate();
	}

	private static boolean matches(@Nullable String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		return Arrays.stream(ifNoneMatch.split(","))
			.map(String::strip)
			.map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
			.anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
	}

	/**
	 * The same answer for a brand without a logo and for a brand the caller cannot see.
	 */
	static DomainProblem notFound(BrandId brand) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_logo_not_found", brand.toString());
	}

	private static DomainProblem tooLarge() {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "brand_logo_too_large", BrandLogo.MAX_BYTES);
	}

}
