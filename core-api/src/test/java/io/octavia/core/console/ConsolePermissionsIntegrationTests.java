package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every console page and action checks a permission before it does anything: a signed-in
 * caller of the right kind but without any permission is refused (403) on every route of
 * its console, except the few that any signed-in person may use, listed here with the
 * reason. A route that answers anything else is listed as lacking its check.
 */
@OctaviaIntegrationTest
class ConsolePermissionsIntegrationTests {

	/** Routes any signed-in caller of the console may use, on purpose. */
	private static final Set<String> OPEN_TO_EVERY_CALLER = Set.of(
			// the dashboards: each panel on them checks its own permission
			"GET /admin", "GET /portal", "GET /portal/fragments/welcome",
			// the dashboard's health panel: whether the platform's parts are up, for
			// every
			// operator
			"GET /admin/fragments/platform-status",
			// a person's own account: profile, password, second factor
			"GET /admin/account", "POST /admin/account/profile", "POST /admin/account/password",
			"POST /admin/account/mfa", "POST /admin/account/mfa/confirmation", "POST /admin/account/mfa/removal",
			"GET /portal/account", "POST /portal/account/profile", "POST /portal/account/password",
			"POST /portal/account/mfa", "POST /portal/account/mfa/confirmation", "POST /portal/account/mfa/removal");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	TenantManagement tenants;

	@Test
	void everyConsoleRouteRefusesACallerWithoutItsPermission() {
		TenantId tenant = tenants
			.create(new CreateTenant("perm-sweep-" + Ids.newId().toString().substring(28), "Permission sweep", "en",
					"UTC", "EUR"))
			.id();
		await().until(() -> io.octavia.core.platform.TenantContext.call(
				io.octavia.core.platform.TenantContext.Scope.tenant(tenant, "test"),
				() -> tenants.find(tenant).orElseThrow().status()) == TenantStatus.ACTIVE);
		ConsoleClient operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=none");
		ConsoleClient member = new ConsoleClient(port,
				"tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=none");

		Set<String> lacking = new TreeSet<>();
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
			for (String pattern : mapping.getPatternValues()) {
				boolean admin = pattern.equals("/admin") || pattern.startsWith("/admin/");
				boolean portal = pattern.equals("/portal") || pattern.startsWith("/portal/");
				if (!admin && !portal) {
					continue;
				}
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String route = method + " " + pattern;
					routes.add(route);
					if (OPEN_TO_EVERY_CALLER.contains(route)) {
						continue;
					}
					String path = pattern.replaceAll("\\{[^}]+}", Ids.newId().toString())
							// the one required parameter of the confirmation steps
							+ (pattern.endsWith("/confirmation") ? "?action=disable" : "");
					ConsoleClient caller = admin ? operator : member;
					HttpResponse<String> response = switch (method) {
						case GET -> caller.get(path);
						case POST -> caller.post(path, Map.of("anything", "x"));
						default -> throw new IllegalStateException("Unexpected console method " + route);
					};
					if (response.statusCode() != 403) {
						lacking.add(route + " → " + response.statusCode());
					}
				}
			}
		}
		assertThat(routes).as("console routes found").hasSizeGreaterThan(30);
		assertThat(routes).as("the open routes still exist").containsAll(OPEN_TO_EVERY_CALLER);
		assertThat(lacking).as("console routes that let a caller without any permission through").isEmpty();
	}

}
