package io.octavia.core.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import io.octavia.core.platform.TenantContext;

import io.octavia.core.platform.web.RequiresPermission;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exists only on the test classpath: echoes what the gateway resolved for the request —
 * the bound scope, the logging context, what the application sees of the request.
 */
@RequiresPermission(value = RequiresPermission.AUTHENTICATED, caller = RequiresPermission.Caller.EITHER)
@RestController
class GatewayProbeController {

	static final String PATH = "/api/v1/test-gateway";

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

}
