package io.octavia.core.admin.tenants;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.web.BrandEditor;
import io.octavia.core.branding.web.BrandForm;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The brand editor for any tenant's brands: attributes, logo, default brand, deletion.
 * Needs {@code brands:write}; the brand must belong to the tenant of the path (else it is
 * not found, like an id nobody has). Everything goes through the audited
 * {@link CrossTenantAccess}. Saving and uploading answer htmx with the editor's part (422
 * with the problems at their fields), a plain form post with a redirect or the page.
 */
@Controller
@RequestMapping(AdminBrandsController.URL)
class AdminBrandsController {

	static final String URL = "/admin/tenants/{tenantId}/brands";

	static final String WRITE = "brands:write";

	private static final String PAGE = "admin/tenants/brand";

	private static final String FRAGMENTS = "ui/brand-editor";

	private final BrandManagement brands;

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	AdminBrandsController(BrandManagement brands, TenantManagement tenants, CrossTenantAccess crossTenant) {
		this.brands = brands;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
	}

	@GetMapping("/new")
	String newBrand(@PathVariable String tenantId, Model model) {
		TenantId tenant = tenantOf(tenantId);
		Scope scope = scope("GET " + brandsUrl(tenant) + "/new");
		model.addAttribute("tenant", scope.call(() -> findTenant(tenant)));
		model.addAttribute("editor", BrandEditor.adding(brandsUrl(tenant)));
		return PAGE;
	}

	@PostMapping
	String create(@PathVariable String tenantId, BrandForm form, HtmxRequest htmx, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		TenantId tenant = tenantOf(tenantId);
		Scope scope = scope("POST " + brandsUrl(tenant));
		TenantDetails owner = scope.call(() -> findTenant(tenant));
		try {
			BrandDetails brand = scope.call(() -> brands.create(form.toCreate(tenant)));
			return saved(brand, "admin.brands.created", htmx, request, response, redirect);
		}
		catch (DomainProblem problem) {
			model.addAttribute("tenant", owner);
			model.addAttribute("editor",
					BrandEditor.adding(brandsUrl(tenant)).withForm(form, BrandForm.errors(problem)));
			response.setStatus(422);
			return htmx.isHtmxRequest() ? FRAGMENTS + " :: editor" : PAGE;
		}
	}

	@GetMapping("/{brandId}")
	String edit(@PathVariable String tenantId, @PathVariable String brandId, Model model) {
		Owned brand = find(tenantId, brandId, "GET");
		model.addAttribute("tenant", brand.tenant());
		model.addAttribute("editor", BrandEditor.of(brand.brand(), brandsUrl(brand.tenant().id())));
		return PAGE;
	}

	@PostMapping("/{brandId}")
	String save(@PathVariable String tenantId, @PathVariable String brandId, BrandForm form, HtmxRequest htmx,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Owned brand = find(tenantId, brandId, "POST");
		BrandEditor editor = BrandEditor.of(brand.brand(), brandsUrl(brand.tenant().id()));
		model.addAttribute("tenant", brand.tenant());
		try {
			BrandDetails changed = brand.scope().call(() -> brands.update(brand.brand().id(), form.toUpdate()));
			if (htmx.isHtmxRequest()) {
				model.addAttribute("editor", editor.savedAs(changed));
				return FRAGMENTS + " :: editor";
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.brands.saved", changed.name()));
			return "redirect:" + editor.url();
		}
		catch (DomainProblem problem) {
			model.addAttribute("editor", editor.withForm(form, BrandForm.errors(problem)));
			response.setStatus(422);
			return htmx.isHtmxRequest() ? FRAGMENTS + " :: editor" : PAGE;
		}
	}

	/**
	 * A new logo: PNG, WebP or SVG of at most 1 MiB; a refusal shows at the upload field.
	 */
	@PostMapping("/{brandId}/logo")
	String logo(@PathVariable String tenantId, @PathVariable String brandId,
			@RequestParam(required = false) @Nullable MultipartFile logo, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		Owned brand = find(tenantId, brandId, "POST");
		BrandEditor editor = BrandEditor.of(brand.brand(), brandsUrl(brand.tenant().id()));
		model.addAttribute("tenant", brand.tenant());
		FormErrors problems;
		if (logo == null || logo.isEmpty()) {
			problems = FormErrors.field("logo", "ui.brand.logo.required");
		}
		else {
			byte[] bytes = logo.getBytes();
			try {
				brand.scope().call(() -> brands.putLogo(brand.brand().id(), bytes));
				BrandDetails changed = brand.scope()
					.call(() -> brands.find(brand.brand().id()).orElseThrow(() -> notFound(brandId)));
				if (htmx.isHtmxRequest()) {
					model.addAttribute("editor", BrandEditor.of(changed, editor.brandsUrl()));
					return FRAGMENTS + " :: logo";
				}
				redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.brands.logo_saved", changed.name()));
				return "redirect:" + editor.url();
			}
			catch (DomainProblem problem) {
				problems = FormErrors.of(problem, Map.of(problem.code(), "logo"), Map.of());
			}
		}
		model.addAttribute("editor", editor.withLogoErrors(problems));
		response.setStatus(422);
		return htmx.isHtmxRequest() ? FRAGMENTS + " :: logo" : PAGE;
	}

	@PostMapping("/{brandId}/default")
	String makeDefault(@PathVariable String tenantId, @PathVariable String brandId, RedirectAttributes redirect) {
		Owned brand = find(tenantId, brandId, "POST");
		BrandDetails changed = brand.scope().call(() -> brands.makeDefault(brand.brand().id()));
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.brands.made_default", changed.name()));
		return "redirect:" + brandsUrl(brand.tenant().id()) + "/" + changed.id();
	}

	@PostMapping("/{brandId}/deletion")
	String delete(@PathVariable String tenantId, @PathVariable String brandId, RedirectAttributes redirect) {
		Owned brand = find(tenantId, brandId, "POST");
		try {
			brand.scope().run(() -> brands.delete(brand.brand().id()));
		}
		catch (DomainProblem problem) {
			if (problem.kind() == DomainProblem.Kind.NOT_FOUND) {
				throw problem;
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE,
					new Flash(Flash.Kind.ERROR, "api.problem." + problem.code() + ".detail", problem.arguments()));
			return "redirect:" + brandsUrl(brand.tenant().id()) + "/" + brand.brand().id();
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.brands.deleted", brand.brand().name()));
		return "redirect:" + AdminTenantsController.URL + "/" + brand.tenant().id();
	}

	/** The tenant's brand, or not found: for a brand of another tenant too. */
	private Owned find(String tenantId, String brandId, String method) {
		TenantId tenant = tenantOf(tenantId);
		BrandId id = brandOf(brandId);
		Scope scope = scope(method + " " + brandsUrl(tenant) + "/" + id);
		return scope.call(() -> {
			TenantDetails owner = findTenant(tenant);
			BrandDetails brand = brands.find(id)
				.filter(candidate -> candidate.tenantId().equals(tenant))
				.orElseThrow(() -> notFound(brandId));
			return new Owned(owner, brand, scope);
		});
	}

	private TenantDetails findTenant(TenantId tenant) {
		return tenants.find(tenant)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenant.toString()));
	}

	private Scope scope(String request) {
		String actor = ConsolePermissions.operator(WRITE);
		return new Scope(crossTenant, actor, "Console " + request);
	}

	private static String brandsUrl(TenantId tenant) {
		return URL.replace("{tenantId}", tenant.toString());
	}

	private static TenantId tenantOf(String id) {
		try {
			return new TenantId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id);
		}
	}

	private static BrandId brandOf(String id) {
		try {
			return new BrandId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id);
		}
	}

	private static DomainProblem notFound(String id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_not_found", id);
	}

	/** The audited cross-tenant path for one request: each call is recorded with it. */
	private record Scope(CrossTenantAccess access, String actor, String reason) {

		<T> T call(Supplier<T> work) {
			return access.call(actor, reason, work);
		}

		void run(Runnable work) {
			access.call(actor, reason, () -> {
				work.run();
				return null;
			});
		}

	}

	private record Owned(TenantDetails tenant, BrandDetails brand, Scope scope) {
	}

	private String saved(BrandDetails brand, String messageKey, HtmxRequest htmx, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		String page = brandsUrl(brand.tenantId()) + "/" + brand.id();
		Flash flash = Flash.success(messageKey, brand.name());
		if (htmx.isHtmxRequest()) {
			return HtmxRedirect.to(page, flash, request, response);
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, flash);
		return "redirect:" + page;
	}

}
