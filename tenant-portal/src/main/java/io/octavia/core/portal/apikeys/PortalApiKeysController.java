package io.octavia.core.portal.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.apikeys.ApiKey;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.ApiKeyPage;
import io.octavia.core.apikeys.ApiKeyScopes;
import io.octavia.core.apikeys.IssuedApiKey;
import io.octavia.core.apikeys.web.ApiKeyListView;
import io.octavia.core.apikeys.web.ApiKeyRow;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.web.ImpersonationSession;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's API keys: the list (a page at a time), a new key, rotation with a grace
 * period, revocation (each confirmed first) and the tenant's "require signatures" policy.
 * Reading needs {@code keys:read}, every change {@code keys:manage}, like the API. A key
 * gets at most the scopes of the person who makes or rotates it: the others are offered
 * disabled, and one posted anyway is refused at the scopes.
 * <p>
 * The key and signing secret are in the answer to the create or rotate post only, never
 * in a redirect, the session or a later page: that answer renders them (htmx swaps them
 * in as a panel) with {@code Cache-Control: no-store}.
 */
@Controller
@RequestMapping(PortalApiKeysController.URL)
class PortalApiKeysController {

	static final String URL = "/portal/api-keys";

	static final String READ = RolePermissions.KEYS_READ;

	static final String MANAGE = RolePermissions.KEYS_MANAGE;

	/** The grace periods a rotation offers: the old key stops at once, or later. */
	static final List<Duration> GRACE_PERIODS = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24),
			Duration.ofDays(7));

	private static final String PAGE = "portal/api-keys/api-keys";

	private static final String MORE = "api-keys-more";

	private final ApiKeyManagement keys;

	private final BrandManagement brands;

	private final TenantManagement tenants;

	private final Clock clock = Clock.systemUTC();

	PortalApiKeysController(ApiKeyManagement keys, BrandManagement brands, TenantManagement tenants) {
		this.keys = keys;
		this.brands = brands;
		this.tenants = tenants;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String cursor, Model model) {
		TenantId tenant = ConsolePermissions.tenant(READ);
		showPage(tenant, cursor, ApiKeyForm.blank(), FormErrors.none(), model);
		return PAGE;
	}

	/** "Load more" (target {@value #MORE}) adds rows; any other target gets the list. */
	@HxRequest
	@GetMapping
	String list(HtmxRequest htmx, @RequestParam(required = false) @Nullable String cursor, Model model) {
		TenantId tenant = ConsolePermissions.tenant(READ);
		showList(tenant, cursor, model);
		return PAGE + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: list");
	}

	/**
	 * Creates a key. htmx gets a blank form back with the key panel and the list swapped
	 * out of band; a refusal is the form with the problems at their fields (422), the
	 * input kept.
	 */
	@PostMapping
	String create(ApiKeyForm form, HtmxRequest htmx, Model model, HttpServletResponse response) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		refuseDuringImpersonation();
		ApiKeyForm.Parsed parsed = form.parse(zone(tenant));
		FormErrors errors = parsed.errors();
		if (parsed.command() != null) {
			try {
				IssuedApiKey issued = keys.create(tenant, parsed.command(), callerPermissions());
				return issued(tenant, issued, "portal.api_keys.created", "created", htmx, model, response);
			}
			catch (DomainProblem problem) {
				errors = ApiKeyForm.errors(problem);
			}
		}
		response.setStatus(422);
		if (htmx.isHtmxRequest()) {
			showForm(tenant, form, errors, model);
			return PAGE + " :: create-form";
		}
		showPage(tenant, null, form, errors, model);
		return PAGE;
	}

	/** The confirmation step of a rotation, with the grace period to choose. */
	@GetMapping("/{keyId}/rotation")
	String rotationPage(@PathVariable String keyId, Model model) {
		return confirmationPage(keyId, "rotation", model);
	}

	@HxRequest
	@GetMapping("/{keyId}/rotation")
	String rotation(@PathVariable String keyId, Model model) {
		return confirmation(keyId, "rotation", model);
	}

	/**
	 * Replaces a key: htmx gets the new key's panel, with the list (the old key now
	 * expiring, the new one added) swapped out of band.
	 * @param gracePeriod seconds, one of {@link #GRACE_PERIODS}
	 */
	@PostMapping("/{keyId}/rotation")
	String rotate(@PathVariable String keyId, @RequestParam(required = false) @Nullable String gracePeriod,
			HtmxRequest htmx, Model model, HttpServletResponse response) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		refuseDuringImpersonation();
		Duration grace = GRACE_PERIODS.stream()
			.filter(offered -> String.valueOf(offered.toSeconds()).equals(gracePeriod))
			.findFirst()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
					List.of(new DomainProblem.FieldProblem("gracePeriodSeconds", "api.field.api_key.grace_period",
							List.of(ApiKeyManagement.MAX_GRACE_PERIOD.toSeconds()))),
					Map.of()));
		IssuedApiKey issued = keys.rotate(tenant, keyId, grace, callerPermissions());
		return issued(tenant, issued, "portal.api_keys.rotated", "rotated", htmx, model, response);
	}

	@GetMapping("/{keyId}/revocation")
	String revocationPage(@PathVariable String keyId, Model model) {
		return confirmationPage(keyId, "revocation", model);
	}

	@HxRequest
	@GetMapping("/{keyId}/revocation")
	String revocation(@PathVariable String keyId, Model model) {
		return confirmation(keyId, "revocation", model);
	}

	/** Revokes a key: htmx gets its row back, now revoked; a plain post a redirect. */
	@PostMapping("/{keyId}/revocation")
	String revoke(@PathVariable String keyId, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		ApiKey revoked = keys.revoke(tenant, keyId, false);
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.api_keys.revoked", revoked.name()));
			return "redirect:" + URL;
		}
		model.addAttribute("row", ApiKeyRow.of(revoked, brandNames(tenant), clock.instant()));
		model.addAttribute("rowSaved", "portal.api_keys.revoked");
		addPermissions(model);
		return PAGE + " :: key-row";
	}

	/** An unticked box sends nothing: no value means signatures are not required. */
	@PostMapping("/signing-policy")
	String signingPolicy(@RequestParam(required = false) @Nullable Boolean requireSignatures, HtmxRequest htmx,
			Model model, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		keys.setRequireSignatures(tenant, Boolean.TRUE.equals(requireSignatures));
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.api_keys.policy.saved"));
			return "redirect:" + URL;
		}
		showPolicy(tenant, model);
		model.addAttribute("policySaved", true);
		return PAGE + " :: policy";
	}

	/**
	 * The answer that carries a key and its signing secret, the one time they exist
	 * outside the caller's hands: never cached, never kept.
	 */
	private String issued(TenantId tenant, IssuedApiKey issued, String doneKey, String fragment, HtmxRequest htmx,
			Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("issued", issued);
		model.addAttribute("issuedMessage", doneKey);
		if (!htmx.isHtmxRequest()) {
			showPage(tenant, null, ApiKeyForm.blank(), FormErrors.none(), model);
			return PAGE;
		}
		showForm(tenant, ApiKeyForm.blank(), FormErrors.none(), model);
		showList(tenant, null, model);
		model.addAttribute("oob", true);
		return PAGE + " :: " + fragment;
	}

	private String confirmationPage(String keyId, String action, Model model) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		if (action.equals("rotation")) {
			refuseDuringImpersonation();
		}
		ApiKeyRow row = ApiKeyRow.of(keys.find(tenant, keyId), brandNames(tenant), clock.instant());
		if (!row.active()) {
			throw notActive(keyId);
		}
		showPage(tenant, null, ApiKeyForm.blank(), FormErrors.none(), model);
		model.addAttribute("confirming", row);
		model.addAttribute("confirm", action);
		return PAGE;
	}

	private String confirmation(String keyId, String action, Model model) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		if (action.equals("rotation")) {
			refuseDuringImpersonation();
		}
		ApiKeyRow row = ApiKeyRow.of(keys.find(tenant, keyId), brandNames(tenant), clock.instant());
		if (!row.active()) {
			throw notActive(keyId);
		}
		model.addAttribute("row", row);
		model.addAttribute("confirm", action);
		model.addAttribute("confirmKey", row.key().keyId());
		addPermissions(model);
		return PAGE + " :: key-row";
	}

	private void showPage(TenantId tenant, @Nullable String cursor, ApiKeyForm form, FormErrors errors, Model model) {
		showPolicy(tenant, model);
		showList(tenant, cursor, model);
		showForm(tenant, form, errors, model);
	}

	private void showList(TenantId tenant, @Nullable String cursor, Model model) {
		ApiKeyPage page = keys.list(tenant, (cursor != null && !cursor.isBlank()) ? cursor.strip() : null,
				ApiKeyListView.PAGE_SIZE);
		model.addAttribute("list", ApiKeyListView.of(ApiKeyRow.of(page.items(), brandNames(tenant), clock.instant()),
				page.nextCursor(), URL));
		addPermissions(model);
	}

	private void showPolicy(TenantId tenant, Model model) {
		model.addAttribute("requireSignatures", keys.requireSignatures(tenant));
		addPermissions(model);
	}

	private void showForm(TenantId tenant, ApiKeyForm form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("scopes", ApiKeyScopes.ALL.stream()
			.map(scope -> new ScopeChoice(scope.name(), scope.descriptionKey(), ConsolePermissions.holds(scope.name())))
			.toList());
		model.addAttribute("modes", List.of(ApiKeyMode.values()));
		model.addAttribute("brands", brands.list(tenant));
		model.addAttribute("zone", zone(tenant));
		model.addAttribute("signingRequired", keys.requireSignatures(tenant));
		addPermissions(model);
	}

	private static void addPermissions(Model model) {
		model.addAttribute("canManage", ConsolePermissions.holds(MANAGE));
		model.addAttribute("canIssue", ConsolePermissions.holds(MANAGE) && !impersonating());
		model.addAttribute("gracePeriods", GRACE_PERIODS.stream().map(Duration::toSeconds).toList());
	}

	private Map<BrandId, String> brandNames(TenantId tenant) {
		return brands.list(tenant).stream().collect(Collectors.toMap(BrandDetails::id, BrandDetails::name));
	}

	/** Expiry dates are days in the tenant's time zone. */
	private ZoneId zone(TenantId tenant) {
		return tenants.find(tenant).map(details -> details.timeZone()).orElse(ZoneId.of("UTC"));
	}

	/**
	 * An operator acting as one of the tenant's people may revoke a key but not take one
	 * away: a key would outlive the impersonation, and operators never make keys for a
	 * tenant.
	 */
	private static void refuseDuringImpersonation() {
		if (impersonating()) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "api_key_impersonation");
		}
	}

	private static boolean impersonating() {
		return RequestContextHolder.currentRequestAttributes()
			.getAttribute(ImpersonationSession.BANNER, RequestAttributes.SCOPE_REQUEST) != null;
	}

	/** What the signed-in person may do: a key never gets more. */
	private static Set<String> callerPermissions() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet()) : Set.of();
	}

	private static DomainProblem notActive(String keyId) {
		return new DomainProblem(DomainProblem.Kind.CONFLICT, "api_key_not_active", keyId);
	}

	/**
	 * A scope in the picker.
	 *
	 * @param held whether the person holds it, so may give it to a key
	 */
	record ScopeChoice(String name, String descriptionKey, boolean held) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalApiKeysNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "api-keys", "portal.nav.api_keys", URL, 70);
		}

	}

}
