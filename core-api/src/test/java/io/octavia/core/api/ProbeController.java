package io.octavia.core.api;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.web.RequiresPermission;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exists only on the test classpath: an API endpoint with a typed body, for the tests of
 * the platform's request handling (problems, size limits, idempotency).
 */
@RequiresPermission(value = RequiresPermission.AUTHENTICATED, caller = RequiresPermission.Caller.EITHER)
@RestController
@RequestMapping("/api/v1/test-probe")
class ProbeController {

	static final AtomicInteger executions = new AtomicInteger();

	static volatile CountDownLatch gate = new CountDownLatch(0);

	enum Colour {

		RED, GREEN

	}

	record Probe(@NotBlank @Size(max = 20) String name, @NotNull Colour colour, List<String> tags) {
	}

	record Echo(String tenant, String name, Colour colour, int execution) {
	}

	@PostMapping
	ResponseEntity<Echo> create(@Valid @RequestBody Probe probe) throws InterruptedException {
		int execution = executions.incrementAndGet();
		gate.await(10, TimeUnit.SECONDS);
		if (probe.name().equals("explode")) {
			throw new IllegalStateException("probe failure");
		}
		return ResponseEntity.status(201)
			.body(new Echo(TenantContext.requireTenant().toString(), probe.name(), probe.colour(), execution));
	}

}
