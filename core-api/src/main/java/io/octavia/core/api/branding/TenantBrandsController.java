package io.octavia.core.api.branding;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.api.Permissions;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Brands of any tenant, for platform operators: authorities {@code tenants:read} and
 * {@code tenants:write}. Every call goes through the audited {@link CrossTenantAccess},
 * the endpoint as its reason. A brand id of another tenant than the one in the path is
 * {@code brand_not_found}, like an id nobody has.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/brands")
@Tag(name = "Brands (operators)", description = "The brands of any tenant")
class TenantBrandsController {

	private static final String READ = "tenants:read";

	private static final String WRITE = "tenants:write";

	private final BrandManagement brands;

	private final CrossTenantAccess crossTenant;

	private final JsonMergePatch mergePatch;

	private final TenantManagement tenants;

	TenantBrandsController(BrandManagement brands, CrossTenantAccess crossTenant, JsonMergePatch mergePatch,
			TenantManagement tenants) {
		this.brands = brands;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
		this.mergePatch = mergePatch;
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "List a tenant's brands", description = "The default brand first, then by creation.")
	List<BrandResponse> list(@PathVariable TenantId tenantId) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, "API GET /api/v1/tenants/" + tenantId + "/brands", () -> {
			tenants.find(tenantId)
				.orElseThrow(
						() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenantId.toString()));
			return brands.list(tenantId).stream().map(BrandResponse::of).toList();
		});
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PostMapping
	@Operation(summary = "Add a brand to a tenant")
	ResponseEntity<BrandResponse> create(@PathVariable TenantId tenantId, @RequestBody BrandRequest request) {
		String actor = Permissions.operator();
		BrandDetails brand = crossTenant.call(actor, "API POST /api/v1/tenants/" + tenantId + "/brands",
				() -> brands.create(request.toCommand(tenantId)));
		return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/brands/" + brand.id()))
			.body(BrandResponse.of(brand));
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping("/{brandId}")
	@Operation(summary = "Get a brand of a tenant")
	BrandResponse get(@PathVariable TenantId tenantId, @PathVariable BrandId brandId) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, reason("GET", tenantId, brandId, ""),
				() -> BrandResponse.of(brandOf(tenantId, brandId)));
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping("/{brandId}/configuration")
	@Operation(summary = "Get a brand's effective configuration")
	BrandConfigurationResponse configuration(@PathVariable TenantId tenantId, @PathVariable BrandId brandId) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, reason("GET", tenantId, brandId, "/configuration"), () -> {
			brandOf(tenantId, brandId);
			return BrandConfigurationResponse.of(brands.configuration(brandId));
		});
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PatchMapping(path = "/{brandId}", consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a brand of a tenant",
			description = "JSON Merge Patch: send only what changes; null unsets an optional attribute.")
	BrandResponse update(@PathVariable TenantId tenantId, @PathVariable BrandId brandId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = BrandRequest.class))) @RequestBody JsonNode patch) {
		String actor = Permissions.operator();
		return inTenant(actor, reason("PATCH", tenantId, brandId, ""), tenantId, brandId, () -> brands.update(brandId,
				current -> mergePatch.apply(BrandRequest.of(current), patch, BrandRequest.class).toUpdate()));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@DeleteMapping("/{brandId}")
	@Operation(summary = "Delete a brand of a tenant", description = "Not the default brand.")
	ResponseEntity<Void> delete(@PathVariable TenantId tenantId, @PathVariable BrandId brandId) {
		String actor = Permissions.operator();
		crossTenant.call(actor, reason("DELETE", tenantId, brandId, ""), () -> {
			brandOf(tenantId, brandId);
			brands.delete(brandId);
			return brandId;
		});
		return ResponseEntity.noContent().build();
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PostMapping("/{brandId}/default")
	@Operation(summary = "Make a brand its tenant's default")
	BrandResponse makeDefault(@PathVariable TenantId tenantId, @PathVariable BrandId brandId) {
		String actor = Permissions.operator();
		return inTenant(actor, reason("POST", tenantId, brandId, "/default"), tenantId, brandId,
				() -> brands.makeDefault(brandId));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PutMapping("/{brandId}/logo")
	@Operation(summary = "Upload a brand's logo",
			description = "As for the tenant's own brands: PNG, WebP or SVG, "
					+ "at most 1 MiB, type detected from the bytes, SVG sanitised or refused when unsafe.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = { @Content(mediaType = "image/png"),
			@Content(mediaType = "image/webp"), @Content(mediaType = "image/svg+xml") })
	BrandResponse putLogo(@PathVariable TenantId tenantId, @PathVariable BrandId brandId, HttpServletRequest request)
			throws IOException {
		String actor = Permissions.operator();
		byte[] logo = LogoTransfer.read(request);
		return inTenant(actor, reason("PUT", tenantId, brandId, "/logo"), tenantId, brandId, () -> {
			brands.putLogo(brandId, logo);
			return brandOf(tenantId, brandId);
		});
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping("/{brandId}/logo")
	@Operation(summary = "Download a brand's logo")
	ResponseEntity<byte[]> logo(@PathVariable TenantId tenantId, @PathVariable BrandId brandId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, reason("GET", tenantId, brandId, "/logo"), () -> {
			brandOf(tenantId, brandId);
			return LogoTransfer.respond(brands.logo(brandId).orElseThrow(() -> LogoTransfer.notFound(brandId)),
					ifNoneMatch, LogoTransfer.privateCaching());
		});
	}

	/** Works on a brand after checking that it is the tenant's in the path. */
	private BrandResponse inTenant(String actor, String reason, TenantId tenantId, BrandId brandId,
			Supplier<BrandDetails> work) {
		return crossTenant.call(actor, reason, () -> {
			brandOf(tenantId, brandId);
			return BrandResponse.of(work.get());
		});
	}

	private BrandDetails brandOf(TenantId tenantId, BrandId brandId) {
		return brands.find(brandId)
			.filter(brand -> brand.tenantId().equals(tenantId))
			.orElseThrow(() -> BrandsController.notFound(brandId));
	}

	private static String reason(String method, TenantId tenantId, BrandId brandId, String rest) {
		return "API " + method + " /api/v1/tenants/" + tenantId + "/brands/" + brandId + rest;
	}

}
