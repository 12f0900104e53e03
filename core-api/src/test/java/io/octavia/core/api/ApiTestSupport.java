package io.octavia.core.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * What the API's integration tests share: credentials for the test authenticator, the
 * HTTP verbs {@link TestHttp} lacks, JSON, and tenants made through the domain.
 */
public final class ApiTestSupport {

	public static final String CREDENTIAL = "x-test-credential";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public static final String ALL_OPERATOR = "tenants:read,tenants:write";

	public static final String ALL_TENANT = "tenant:read,tenant:write,brands:read,brands:write";

	private final TestHttp http;

	private final TenantManagement tenants;

	public ApiTestSupport(int port, TenantManagement tenants) {
		this.http = new TestHttp(port);
		this.tenants = tenants;
	}

	/** An operator (no tenant) with its own user, so rate limits never interfere. */
	public static String operator(String authorities) {
		return "user=" + Ids.newId() + ";authorities=" + authorities;
	}

	public static String tenantCaller(TenantId tenant, String authorities) {
		return "tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=" + authorities;
	}

	public static String slug(String prefix) {
		return prefix + "-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

	/** A tenant made through the domain, once provisioning made it active. */
	public TenantId activeTenant(String name) {
		TenantId id = tenants.create(new CreateTenant(slug("api"), name, "de", "Europe/Berlin", "EUR")).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	public static <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	public HttpResponse<String> get(String path, String credential, String... headers) {
		return http.send(withHeaders(http.request(path).GET(), credential, headers));
	}

	public HttpResponse<String> post(String path, String credential, String json, String... headers) {
		return http.send(withHeaders(http.request(path)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), credential, headers));
	}

	public HttpResponse<String> patch(String path, String credential, String json, String... headers) {
		return http.send(withHeaders(http.request(path)
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)), credential, headers));
	}

	public HttpResponse<String> delete(String path, String credential, String... headers) {
		return http.send(withHeaders(http.request(path).DELETE(), credential, headers));
	}

	public HttpResponse<String> put(String path, String credential, String contentType, byte[] body) {
		return http.send(withHeaders(http.request(path)
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body)), credential));
	}

	public TestHttp http() {
		return http;
	}

	private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String credential, String... headers) {
		if (credential != null) {
			request.header(CREDENTIAL, credential);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	public static String json(Map<String, ?> body) {
		return JSON.writeValueAsString(body);
	}

	/** The field errors of a validation problem, field → message. */
	public static Map<String, String> fieldErrors(HttpResponse<String> response) {
		Map<String, String> errors = new java.util.TreeMap<>();
		json(response).get("errors")
			.forEach(error -> errors.put(error.get("field").asString(), error.get("message").asString()));
		return errors;
	}

}
