package io.octavia.core.api.branding;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

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
 * The brands of the caller's tenant: authorities {@code brands:read} and
 * {@code brands:write}. Row-level security decides what exists: a brand of another tenant
 * is {@code brand_not_found}, exactly like an id nobody has.
 */
@RestController
@RequestMapping("/api/v1/brands")
@Tag(name = "Brands", description = "The brands of the caller's tenant: attributes, logo, default brand")
class BrandsController {

	static final String READ = "brands:read";

	static final String WRITE = "brands:write";

	private final BrandManagement brands;

	private final JsonMergePatch mergePatch;

	BrandsController(BrandManagement brands, JsonMergePatch mergePatch) {
		this.brands = brands;
		this.mergePatch = mergePatch;
	}

	@RequiresPermission(value = READ, caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "List the brands", description = "The default brand first, then by creation.")
	List<BrandResponse> list() {
		TenantId tenant = TenantContext.requireTenant();
		return brands.list(tenant).stream().map(BrandResponse::of).toList();
	}

	@RequiresPermission(value = WRITE, caller = Caller.TENANT)
	@PostMapping
	@Operation(summary = "Add a brand",
			description = "A taken slug (within the tenant) or hostname (on the platform) is 409.")
	ResponseEntity<BrandResponse> create(@RequestBody BrandRequest request) {
		TenantId tenant = TenantContext.requireTenant();
		BrandDetails brand = brands.create(request.toCommand(tenant));
		return ResponseEntity.created(URI.create("/api/v1/brands/" + brand.id())).body(BrandResponse.of(brand));
	}

	@RequiresPermission(value = READ, caller = Caller.TENANT)
	@GetMapping("/{brandId}")
	@Operation(summary = "Get a brand")
	BrandResponse get(@PathVariable BrandId brandId) {
		return BrandResponse.of(brands.find(brandId).orElseThrow(() -> notFound(brandId)));
	}

	@RequiresPermission(value = READ, caller = Caller.TENANT)
	@GetMapping("/{brandId}/configuration")
	@Operation(summary = "Get a brand's effective configuration",
			description = "Every value resolved along brand → tenant → platform defaults.")
	BrandConfigurationResponse configuration(@PathVariable BrandId brandId) {
		return BrandConfigurationResponse.of(brands.configuration(brandId));
	}

	@RequiresPermission(value = WRITE, caller = Caller.TENANT)
	@PatchMapping(path = "/{brandId}", consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a brand",
			description = "JSON Merge Patch: send only what changes; null unsets an optional attribute.")
	BrandResponse update(@PathVariable BrandId brandId, @io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(schema = @Schema(implementation = BrandRequest.class))) @RequestBody JsonNode patch) {
		return BrandResponse.of(brands.update(brandId,
				current -> mergePatch.apply(BrandRequest.of(current), patch, BrandRequest.class).toUpdate()));
	}

	@RequiresPermission(value = WRITE, caller = Caller.TENANT)
	@DeleteMapping("/{brandId}")
	@Operation(summary = "Delete a brand", description = "Not the default brand: make another one the default first.")
	ResponseEntity<Void> delete(@PathVariable BrandId brandId) {
		brands.delete(brandId);
		return ResponseEntity.noContent().build();
	}

	@RequiresPermission(value = WRITE, caller = Caller.TENANT)
	@PostMapping("/{brandId}/default")
	@Operation(summary = "Make a brand the tenant's default",
			description = "The previous default stops being one in the same transaction.")
	BrandResponse makeDefault(@PathVariable BrandId brandId) {
		return BrandResponse.of(brands.makeDefault(brandId));
	}

	@RequiresPermission(value = WRITE, caller = Caller.TENANT)
	@PutMapping("/{brandId}/logo")
	@Operation(summary = "Upload the brand's logo",
			description = "The body is the image: PNG, WebP or SVG, at most 1 MiB. The type is detected from the bytes; "
					+ "an SVG is sanitised, and refused (brand_logo_unsafe) when it carries scripts, event handlers, "
					+ "foreignObject or references to other files.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = { @Content(mediaType = "image/png"),
			@Content(mediaType = "image/webp"), @Content(mediaType = "image/svg+xml") })
	BrandResponse putLogo(@PathVariable BrandId brandId, HttpServletRequest request) throws IOException {
		brands.putLogo(brandId, LogoTransfer.read(request));
		return BrandResponse.of(brands.find(brandId).orElseThrow(() -> notFound(brandId)));
	}

	@RequiresPermission(value = READ, caller = Caller.TENANT)
	@GetMapping("/{brandId}/logo")
	@Operation(summary = "Download the brand's logo")
	ResponseEntity<byte[]> logo(@PathVariable BrandId brandId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		return LogoTransfer.respond(brands.logo(brandId).orElseThrow(() -> LogoTransfer.notFound(brandId)), ifNoneMatch,
				LogoTransfer.privateCaching());
	}

	static DomainProblem notFound(BrandId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_not_found", id.toString());
	}

}
