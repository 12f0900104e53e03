package io.octavia.core.api;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured limit with 413 before anything buffers them:
 * at once when {@code Content-Length} says so, else while a chunked body is being read.
 * Multipart uploads have their own limit in {@code spring.servlet.multipart}, logo
 * uploads theirs in the logo endpoints.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final Problems problems;

	public BodySizeLimitFilter(long maxBytes, Problems problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if ((contentType != null && contentType.startsWith("multipart/")) || isLogoUpload(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > maxBytes) {
			problems.write(response, problems.of(413, "payload_too_large", maxBytes), Map.of("Connection", "close"));
			return;
		}
		chain.doFilter(new LimitedRequest(request, maxBytes), response);
	}

	/**
	 * Logo uploads are raw images with a limit of their own, which the logo endpoints
	 * enforce while reading and refuse as {@code brand_logo_too_large}, a 400 like every
	 * other unacceptable logo.
	 */
	private static boolean isLogoUpload(HttpServletRequest request) {
		return "PUT".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/")
				&& request.getRequestURI().endsWith("/logo");
	}

	/** Thrown while reading a body that turns out larger than the limit. */
	public static final class PayloadTooLargeException extends IOException {

		private final long maxBytes;

		PayloadTooLargeException(long maxBytes) {
			super("Request body exceeds " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

		public long maxBytes() {
			return maxBytes;
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedInputStream(super.getInputStream(), maxBytes);
			}
			return stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws PayloadTooLargeException {
			read += n;
			if (read > maxBytes) {
				throw new PayloadTooLargeException(maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}

	}

}
