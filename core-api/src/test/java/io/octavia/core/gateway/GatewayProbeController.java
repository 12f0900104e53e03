package io.octavia.core.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import io.octavia.core.platform.TenantContext;

import io.octavia.core.platform.web.RequiresPermission;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exists only on the test classpath: echoes what the gateway resolved for the request —
 * the bound scope, the logging context, what the application sees of the request — and
 * answers that a replayed signed request must never see (a large streamed body, a 204).
 */
@RequiresPermission(value = RequiresPermission.AUTHENTICATED, caller = RequiresPermission.Caller.EITHER)
@RestController
class GatewayProbeController {

	static final String PATH = "/api/v1/test-gateway";

	static final String STREAM = PATH + "/stream";

	static final String EMPTY = PATH + "/empty";

	/** A header only the handler sets. */
	static final String HANDLER_HEADER = "x-test-handler";

	static final String LINE = "handler-body-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-\n";

	@GetMapping(PATH)
	Map<String, Object> probe(HttpServletRequest request) {
		TenantContext.Scope scope = TenantContext.current().orElseThrow();
		Map<String, Object> echo = new LinkedHashMap<>();
		echo.put("tenantId", String.valueOf(scope.tenantId()));
		echo.put("brandId", String.valueOf(scope.brandId()));
		echo.put("userId", String.valueOf(scope.userId()));
		echo.put("actor", scope.actor());
		echo.put("userIdHeader", String.valueOf(request.getHeader(GatewayFilter.USER_ID)));
		echo.put("userIdHeaderListed",
				Collections.list(request.getHeaderNames()).stream().anyMatch(GatewayFilter.USER_ID::equalsIgnoreCase));
		echo.put("clientIp", String.valueOf(MDC.get("clientIp")));
		echo.put("userAgent", String.valueOf(MDC.get("userAgent")));
		echo.put("mdcBrandId", String.valueOf(MDC.get("brandId")));
		echo.put("secure", request.isSecure());
		return echo;
	}

	/** Streams {@code kib} KiB, flushing as it goes (well beyond Tomcat's buffer). */
	@GetMapping(STREAM)
	void stream(@RequestParam int kib, HttpServletResponse response) throws IOException {
		response.setStatus(203);
		response.setHeader(HANDLER_HEADER, "stream");
		response.setContentType("text/plain");
		byte[] line = LINE.getBytes(StandardCharsets.US_ASCII);
		OutputStream body = response.getOutputStream();
		for (int i = 0; i < kib * 1024 / line.length; i++) {
			body.write(line);
			if (i % 100 == 0) {
				body.flush();
			}
		}
	}

	@GetMapping(EMPTY)
	ResponseEntity<Void> empty() {
		return ResponseEntity.noContent().header(HANDLER_HEADER, "empty").build();
	}

}
