package io.octavia.core.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.PublicEndpoint;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.tenancy.TenantManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint declares the permission it needs, and a caller without it is refused
 * before the request is read, whatever the body.
 */
@OctaviaIntegrationTest
class ApiPermissionsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	TenantManagement tenants;

	record Endpoint(RequestMethod method, String path, HandlerMethod handler) {

		@Override
		public String toString() {
			return method + " " + path + " (" + handler.getShortLogMessage() + ")";
		}

	}

	@Test
	void everyApiEndpointDeclaresWhatItNeeds() {
		Set<String> undeclared = new TreeSet<>();
		for (Endpoint endpoint : apiEndpoints()) {
			if (declared(endpoint.handler(), RequiresPermission.class) == null
					&& declared(endpoint.handler(), PublicEndpoint.class) == null) {
				undeclared.add(endpoint.toString());
			}
		}
		assertThat(undeclared).as("API endpoints without @RequiresPermission or @PublicEndpoint").isEmpty();
	}

	@Test
	void callersWithoutThePermissionAreRefusedBeforeTheRequestIsRead() {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		TenantId tenant = api.activeTenant("Permission sweep");
		List<String> leaks = new ArrayList<>();
		int checked = 0;
		for (Endpoint endpoint : apiEndpoints()) {
			RequiresPermission required = declared(endpoint.handler(), RequiresPermission.class);
			if (required == null || required.value().equals(RequiresPermission.AUTHENTICATED)) {
				continue;
			}
			List<String> credentials = switch (required.caller()) {
				case OPERATOR -> List.of(ApiTestSupport.operator("none"),
						ApiTestSupport.tenantCaller(tenant, String.join(",", allPermissions())));
				case TENANT -> List.of(ApiTestSupport.tenantCaller(tenant, "none"),
						ApiTestSupport.operator(String.join(",", allPermissions())));
				case EITHER -> List.of(ApiTestSupport.operator("none"), ApiTestSupport.tenantCaller(tenant, "none"));
			};
			for (String credential : credentials) {
				HttpResponse<String> response = call(api, endpoint, credential);
				checked++;
				if (response.statusCode() != 403) {
					leaks.add(endpoint + " as " + credential.replaceAll("user=[^;]+;", "") + " → "
							+ response.statusCode());
				}
			}
		}
		assertThat(checked).as("endpoints checked").isGreaterThan(20);
		assertThat(leaks).as("endpoints that let a caller without the permission through").isEmpty();
	}

	private static Set<String> allPermissions() {
		return io.octavia.core.identity.RolePermissions.all();
	}

	private HttpResponse<String> call(ApiTestSupport api, Endpoint endpoint, String credential) {
		String path = endpoint.path().replaceAll("\\{[^}]+}", Ids.newId().toString());
		HttpRequest.Builder request = api.http()
			.request(path)
			.header(ApiTestSupport.CREDENTIAL, credential)
			.header("Content-Type", "application/json")
			.method(endpoint.method().name(), switch (endpoint.method()) {
				case POST, PUT, PATCH -> HttpRequest.BodyPublishers.ofString("{\"not\": \"what any endpoint wants\"}");
				default -> HttpRequest.BodyPublishers.noBody();
			});
		return api.http().send(request);
	}

	private List<Endpoint> apiEndpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			for (String path : entry.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				(methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
					.forEach(method -> endpoints.add(new Endpoint(method, path, entry.getValue())));
			}
		}
		assertThat(endpoints).as("API endpoints found").isNotEmpty();
		return endpoints;
	}

	private static <A extends java.lang.annotation.Annotation> A declared(HandlerMethod handler, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
	}

}
