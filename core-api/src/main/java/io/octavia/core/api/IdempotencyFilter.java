package io.octavia.core.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.platform.IdempotencyManagement;
import io.octavia.core.platform.IdempotencyManagement.Outcome;
import io.octavia.core.platform.TenantContext;

import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every POST and PATCH of the API: the first request runs and
 * its response is stored per tenant and key for 24 hours; a retry with the same key and
 * the same request gets that response again (with {@code Idempotent-Replayed: true}); the
 * same key with a different request is 422, and while the first is still running 409. A
 * response of 5xx is not stored, so the client can retry.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyManagement idempotency;

	private final Problems problems;

	IdempotencyFilter(IdempotencyManagement idempotency, Problems problems) {
		this.idempotency = idempotency;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		// issuing an API key is not stored: the stored response would keep the key
		return !request.getRequestURI().startsWith("/api/") || request.getHeader(HEADER) == null
				|| !(method.equals("POST") || method.equals("PATCH"))
				|| request.getRequestURI().startsWith("/api/v1/api-keys");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!VALID_KEY.matcher(key).matches()) {
			problems.write(response, problems.of(400, "idempotency_key_invalid"), Map.of());
			return;
		}
		if (TenantContext.tenantId().isEmpty()) {
			// unauthenticated: let security answer 401; nothing to remember
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = StreamUtils.copyToByteArray(request.getInputStream());
		}
		catch (BodySizeLimitFilter.PayloadTooLargeException ex) {
			problems.write(response, problems.of(413, "payload_too_large", ex.maxBytes()),
					Map.of("Connection", "close"));
			return;
		}
		CachedBodyRequest cached = new CachedBodyRequest(request, body);
		Outcome outcome = idempotency.begin(key, hash(request, body));
		switch (outcome) {
			case Outcome.Mismatch mismatch ->
				problems.write(response, problems.of(422, "idempotency_key_reused"), Map.of());
			case Outcome.InProgress inProgress ->
				problems.write(response, problems.of(409, "idempotency_in_progress"), Map.of("Retry-After", "1"));
			case Outcome.Replay replay -> {
				response.setStatus(replay.status());
				if (replay.contentType() != null) {
					response.setContentType(replay.contentType());
				}
				response.setHeader("Idempotent-Replayed", "true");
				response.getOutputStream().write(replay.body());
			}
			case Outcome.Proceed proceed -> proceed(key, cached, response, chain);
		}
	}

	private void proceed(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
		boolean stored = false;
		try {
			chain.doFilter(request, recorded);
			if (recorded.getStatus() < 500) {
				idempotency.complete(key, recorded.getStatus(), recorded.getContentType(),
						recorded.getContentAsByteArray());
				stored = true;
			}
		}
		finally {
			if (!stored) {
				idempotency.abandon(key);
			}
			recorded.copyBodyToResponse();
		}
	}

	/** Method, path, query and body: a retry must repeat all of them to be a replay. */
	private static byte[] hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			String query = request.getQueryString();
			digest.update((query != null ? query : "").getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			return digest.digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
