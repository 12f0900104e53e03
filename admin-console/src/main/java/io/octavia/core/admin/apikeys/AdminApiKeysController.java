package io.octavia.core.admin.apikeys;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyPage;
import io.octavia.core.apikeys.web.ApiKeyListView;
import io.octavia.core.apikeys.web.ApiKeyRow;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Any tenant's API keys for operators, a tab of the tenant's page: metadata only (the
 * platform cannot show a key or signing secret: it keeps a hash and a sealed secret), and
 * the emergency revocation of one key, confirmed with a stated reason. Reading needs
 * {@code tenants:read}, revoking {@code tenants:write}, like the operator API; every read
 * and the revocation go through the audited {@link CrossTenantAccess}, the revocation
 * with the operator's reason, and land in the tenant's audit log as an emergency.
 * Operators never create keys for a tenant.
 */
@Controller
@RequestMapping(AdminApiKeysController.URL)
class AdminApiKeysController {

	static final String URL = "/admin/tenants/{tenantId}/api-keys";

	static final String READ = RolePermissions.TENANTS_READ;

	static final String WRITE = RolePermissions.TENANTS_WRITE;

	/** An emergency revocation says why in at least this many characters. */
	static final int MIN_REASON_LENGTH = 10;

	static final int MAX_REASON_LENGTH = 500;

	private static final String PAGE = "admin/api-keys/api-keys";

	private static final String MORE = "api-keys-more";

	private final ApiKeyManagement keys;

	private final TenantManagement tenants;

	private final BrandManagement brands;

	private final CrossTenantAccess crossTenant;

	private final Clock clock = Clock.systemUTC();

	AdminApiKeysController(ApiKeyManagement keys, TenantManagement tenants, BrandManagement brands,
			CrossTenantAccess crossTenant) {
		this.keys = keys;
		this.tenants = tenants;
		this.brands = brands;
		this.crossTenant = crossTenant;
	}

	@GetMapping
	String page(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String cursor, Model model) {
		String actor = ConsolePermissions.operator(READ);
		show(actor, parse(tenantId), cursor, model);
		return PAGE;
	}

	/** "Load more" (target {@value #MORE}) adds rows; any other target gets the list. */
	@HxRequest
	@GetMapping
	String list(HtmxRequest htmx, @PathVariable String tenantId,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		String actor = ConsolePermissions.operator(READ);
		show(actor, parse(tenantId), cursor, model);
		return PAGE + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: list");
	}

	/** The confirmation step: the page with the question on top. */
	@GetMapping("/{keyId}/revocation")
	String revocationPage(@PathVariable String tenantId, @PathVariable String keyId, Model model) {
		String actor = ConsolePermissions.operator(WRITE);
		TenantId id = parse(tenantId);
		show(actor, id, null, model);
		model.addAttribute("confirming", activeRow(actor, id, keyId));
		model.addAttribute("reason", "");
		model.addAttribute("errors", FormErrors.none());
		return PAGE;
	}

	/** The confirmation step (htmx): the key's row with the question. */
	@HxRequest
	@GetMapping("/{keyId}/revocation")
	String revocation(@PathVariable String tenantId, @PathVariable String keyId, Model model) {
		String actor = ConsolePermissions.operator(WRITE);
		TenantId id = parse(tenantId);
		showRow(activeRow(actor, id, keyId), id, model);
		model.addAttribute("confirmKey", keyId);
		model.addAttribute("reason", "");
		model.addAttribute("errors", FormErrors.none());
		return PAGE + " :: key-row";
	}

	/**
	 * Revokes the key at once, on every node. Without a reason the question comes back
	 * (422) with the problem at the reason field.
	 */
	@PostMapping("/{keyId}/revocation")
	String revoke(@PathVariable String tenantId, @PathVariable String keyId,
			@RequestParam(required = false) @Nullable String reason, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		String actor = ConsolePermissions.operator(WRITE);
		TenantId id = parse(tenantId);
		String why = (reason != null) ? reason.strip() : "";
		String page = URL.replace("{tenantId}", id.toString());
		if (why.length() < MIN_REASON_LENGTH || why.length() > MAX_REASON_LENGTH) {
			ApiKeyRow row = activeRow(actor, id, keyId);
			FormErrors errors = FormErrors.field("reason", "admin.api_keys.reason.invalid", MIN_REASON_LENGTH,
					MAX_REASON_LENGTH);
			response.setStatus(422);
			model.addAttribute("reason", (reason != null) ? reason : "");
			model.addAttribute("errors", errors);
			if (htmx.isHtmxRequest()) {
				showRow(row, id, model);
				model.addAttribute("confirmKey", keyId);
				return PAGE + " :: key-row";
			}
			show(actor, id, null, model);
			model.addAttribute("confirming", row);
			return PAGE;
		}
		ApiKeyRow revoked = crossTenant.call(actor,
				"Console POST " + page + "/" + keyId + "/revocation (emergency): " + why,
				() -> ApiKeyRow.of(keys.revoke(id, keyId, true), names(brands.list(id)), clock.instant()));
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.api_keys.revoked", revoked.key().name()));
			return "redirect:" + page;
		}
		showRow(revoked, id, model);
		model.addAttribute("rowSaved", "admin.api_keys.revoked");
		return PAGE + " :: key-row";
	}

	private void show(String actor, TenantId id, @Nullable String cursor, Model model) {
		String url = URL.replace("{tenantId}", id.toString());
		Overview overview = crossTenant.call(actor, "Console GET " + url, () -> {
			TenantDetails tenant = tenants.find(id)
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString()));
			ApiKeyPage page = keys.list(id, (cursor != null && !cursor.isBlank()) ? cursor.strip() : null,
					ApiKeyListView.PAGE_SIZE);
			return new Overview(tenant, page, brands.list(id));
		});
		model.addAttribute("tenant", overview.tenant());
		model.addAttribute("list",
				ApiKeyListView.of(ApiKeyRow.of(overview.keys().items(), names(overview.brands()), clock.instant()),
						overview.keys().nextCursor(), url));
		addPermissions(id, model);
	}

	private ApiKeyRow activeRow(String actor, TenantId id, String keyId) {
		ApiKeyRow row = crossTenant.call(actor,
				"Console GET " + URL.replace("{tenantId}", id.toString()) + "/" + keyId + "/revocation",
				() -> ApiKeyRow.of(keys.find(id, keyId), names(brands.list(id)), clock.instant()));
		if (!row.active()) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "api_key_not_active", keyId);
		}
		return row;
	}

	private static void showRow(ApiKeyRow row, TenantId id, Model model) {
		model.addAttribute("row", row);
		addPermissions(id, model);
	}

	private static void addPermissions(TenantId id, Model model) {
		model.addAttribute("tenantId", id);
		model.addAttribute("canRevoke", ConsolePermissions.holds(WRITE));
		model.addAttribute("canReadAudit", ConsolePermissions.holds(RolePermissions.AUDIT_READ));
		model.addAttribute("minReasonLength", MIN_REASON_LENGTH);
		model.addAttribute("maxReasonLength", MAX_REASON_LENGTH);
	}

	private static Map<BrandId, String> names(List<BrandDetails> brands) {
		return brands.stream().collect(Collectors.toMap(BrandDetails::id, BrandDetails::name));
	}

	/** An id that is no UUID names no tenant: the same answer as an unknown one. */
	private static TenantId parse(String tenantId) {
		try {
			return new TenantId(UUID.fromString(tenantId));
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenantId);
		}
	}

	private record Overview(TenantDetails tenant, ApiKeyPage keys, List<BrandDetails> brands) {
	}

}
