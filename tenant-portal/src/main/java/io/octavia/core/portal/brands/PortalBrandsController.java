package io.octavia.core.portal.brands;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.web.BrandEditor;
import io.octavia.core.branding.web.BrandForm;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * The tenant's own brands: the list and the brand editor (attributes, logo, default
 * brand, deletion). Reading needs {@code brands:read}, everything else
 * {@code brands:write}. Work runs in the caller's tenant scope, where row-level security
 * hides other tenants' brands: their ids are not found, like ids nobody has.
 */
@Controller
@RequestMapping(PortalBrandsController.URL)
class PortalBrandsController {

	static final String URL = "/portal/brands";

	static final String READ = "brands:read";

	static final String WRITE = "brands:write";

	private static final String LIST = "portal/brands/brands";

	private static final String PAGE = "portal/brands/brand";

	private static final String FRAGMENTS = "ui/brand-editor";

	private final BrandManagement brands;

	PortalBrandsController(BrandManagement brands) {
		this.brands = brands;
	}

	@GetMapping
	String list(Model model) {
		TenantId tenant = ConsolePermissions.tenant(READ);
		model.addAttribute("brands", brands.list(tenant));
		model.addAttribute("canEdit", ConsolePermissions.holds(WRITE));
		return LIST;
	}

	@GetMapping("/new")
	String newBrand(Model model) {
		ConsolePermissions.tenant(WRITE);
		model.addAttribute("editor", BrandEditor.adding(URL));
		return PAGE;
	}

	@PostMapping
	String create(BrandForm form, HtmxRequest htmx, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(WRITE);
		BrandDetails brand;
		try {
			brand = brands.create(form.toCreate(tenant));
		}
		catch (DomainProblem problem) {
			model.addAttribute("editor", BrandEditor.adding(URL).withForm(form, BrandForm.errors(problem)));
			response.setStatus(422);
			return htmx.isHtmxRequest() ? FRAGMENTS + " :: editor" : PAGE;
		}
		String page = URL + "/" + brand.id();
		Flash flash = Flash.success("portal.brands.created", brand.name());
		if (htmx.isHtmxRequest()) {
			return HtmxRedirect.to(page, flash, request, response);
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, flash);
		return "redirect:" + page;
	}

	@GetMapping("/{brandId}")
	String edit(@PathVariable String brandId, Model model) {
		ConsolePermissions.tenant(WRITE);
		model.addAttribute("editor", BrandEditor.of(find(brandId), URL));
		return PAGE;
	}

	@PostMapping("/{brandId}")
	String save(@PathVariable String brandId, BrandForm form, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		ConsolePermissions.tenant(WRITE);
		BrandEditor editor = BrandEditor.of(find(brandId), URL);
		try {
			BrandDetails changed = brands.update(editor.brand().id(), form.toUpdate());
			if (htmx.isHtmxRequest()) {
				model.addAttribute("editor", editor.savedAs(changed));
				return FRAGMENTS + " :: editor";
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.brands.saved", changed.name()));
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
	String logo(@PathVariable String brandId, @RequestParam(required = false) @Nullable MultipartFile logo,
			HtmxRequest htmx, Model model, HttpServletResponse response, RedirectAttributes redirect)
			throws IOException {
		ConsolePermissions.tenant(WRITE);
		BrandEditor editor = BrandEditor.of(find(brandId), URL);
		FormErrors problems;
		if (logo == null || logo.isEmpty()) {
			problems = FormErrors.field("logo", "ui.brand.logo.required");
		}
		else {
			try {
				brands.putLogo(editor.brand().id(), logo.getBytes());
				BrandDetails changed = find(brandId);
				if (htmx.isHtmxRequest()) {
					model.addAttribute("editor", BrandEditor.of(changed, URL));
					return FRAGMENTS + " :: logo";
				}
				redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.brands.logo_saved", changed.name()));
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
	String makeDefault(@PathVariable String brandId, RedirectAttributes redirect) {
		ConsolePermissions.tenant(WRITE);
		BrandDetails changed = brands.makeDefault(find(brandId).id());
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.brands.made_default", changed.name()));
		return "redirect:" + URL + "/" + changed.id();
	}

	@PostMapping("/{brandId}/deletion")
	String delete(@PathVariable String brandId, RedirectAttributes redirect) {
		ConsolePermissions.tenant(WRITE);
		BrandDetails brand = find(brandId);
		try {
			brands.delete(brand.id());
		}
		catch (DomainProblem problem) {
			if (problem.kind() == DomainProblem.Kind.NOT_FOUND) {
				throw problem;
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE,
					new Flash(Flash.Kind.ERROR, "api.problem." + problem.code() + ".detail", problem.arguments()));
			return "redirect:" + URL + "/" + brand.id();
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.brands.deleted", brand.name()));
		return "redirect:" + URL;
	}

	/** A brand the tenant's scope can see; another tenant's is not found. */
	private BrandDetails find(String brandId) {
		try {
			BrandId id = new BrandId(UUID.fromString(brandId));
			return brands.find(id).orElseThrow(() -> notFound(brandId));
		}
		catch (IllegalArgumentException ex) {
			throw notFound(brandId);
		}
	}

	private static DomainProblem notFound(String id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_not_found", id);
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalBrandsNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "brands", "portal.nav.brands", URL, 20);
		}

	}

}
