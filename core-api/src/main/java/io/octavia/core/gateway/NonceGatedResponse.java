package io.octavia.core.gateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.gateway.signing.NonceReservation;
import io.octavia.core.gateway.signing.NonceStore;
import io.octavia.core.platform.DomainProblem;

/**
 * The response of a signed safe request (GET, HEAD, OPTIONS), held back until its nonce
 * is confirmed fresh, so the Redis round trip overlaps the handler's work. This is safe
 * because a safe method changes nothing worth refusing: what a replay must not get is the
 * answer, and no byte, header or status of it leaves before the nonce is awaited — by the
 * first call that could send something (the output stream, the writer, a flush, an error
 * or a redirect), else by the gateway once the handler returned. Tomcat commits a
 * response only through those (or when the request ends, after the gateway), so the
 * response is still uncommitted when the nonce is awaited.
 * <p>
 * A replayed (or unverifiable) nonce resets the response to what the gateway had set,
 * writes the gateway's problem and commits it; the handler carries on writing into a
 * sink, and the headers or status it still sets are ignored by the committed response.
 */
final class NonceGatedResponse extends HttpServletResponseWrapper {

	private static final Logger log = LoggerFactory.getLogger(NonceGatedResponse.class);

	/** Writes the gateway's problem for a nonce that was replayed or not checked. */
	interface Refusal {

		void write(HttpServletResponse response, RuntimeException failure) throws IOException;

	}

	private final NonceReservation nonce;

	private final Refusal refusal;

	/** The headers the gateway (and the filters before it) set, kept for a refusal. */
	private final Map<String, List<String>> gatewayHeaders = new LinkedHashMap<>();

	private boolean settled;

	private boolean refused;

	NonceGatedResponse(HttpServletResponse response, NonceReservation nonce, Refusal refusal) {
		super(response);
		this.nonce = nonce;
		this.refusal = refusal;
		for (String name : response.getHeaderNames()) {
			gatewayHeaders.put(name, new ArrayList<>(response.getHeaders(name)));
		}
	}

	/** Awaits the nonce, once; a refused one answers the gateway's problem instead. */
	void settle() throws IOException {
		if (settled) {
			return;
		}
		settled = true;
		try {
			nonce.await();
		}
		catch (DomainProblem | NonceStore.Unavailable failure) {
			refused = true;
			HttpServletResponse response = (HttpServletResponse) getResponse();
			if (response.isCommitted()) {
				// cannot happen through this wrapper; never answer a second time
				log.error("Response committed before its signature nonce was checked", failure);
				return;
			}
			response.reset();
			gatewayHeaders.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			refusal.write(response, failure);
			response.flushBuffer();
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		settle();
		return refused ? new Sink() : super.getOutputStream();
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		settle();
		return refused ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		settle();
		if (!refused) {
			super.flushBuffer();
		}
	}

	@Override
	public void sendError(int status, String message) throws IOException {
		settle();
		if (!refused) {
			super.sendError(status, message);
		}
	}

	@Override
	public void sendError(int status) throws IOException {
		settle();
		if (!refused) {
			super.sendError(status);
		}
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		settle();
		if (!refused) {
			super.sendRedirect(location);
		}
	}

	@Override
	public void sendRedirect(String location, int status) throws IOException {
		settle();
		if (!refused) {
			super.sendRedirect(location, status);
		}
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		settle();
		if (!refused) {
			super.sendRedirect(location, clearBuffer);
		}
	}

	@Override
	public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
		settle();
		if (!refused) {
			super.sendRedirect(location, status, clearBuffer);
		}
	}

	// the committed refusal would throw where an uncommitted response would not

	@Override
	public void reset() {
		if (!refused) {
			super.reset();
		}
	}

	@Override
	public void resetBuffer() {
		if (!refused) {
			super.resetBuffer();
		}
	}

	@Override
	public void setBufferSize(int size) {
		if (!refused) {
			super.setBufferSize(size);
		}
	}

	/** Where a refused request's handler writes. */
	private static final class Sink extends ServletOutputStream {

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
		}

	}

}
