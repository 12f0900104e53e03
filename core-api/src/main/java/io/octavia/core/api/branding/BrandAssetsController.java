package io.octavia.core.api.branding;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.BrandId;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Brand logos for anyone — e-mails and sign-in pages show them before anyone signs in.
 * Cached publicly for a day under an entity tag (the digest); a changed logo is a new URL
 * in the brand configuration ({@code ?v=<digest>}). Nothing but the image is revealed: an
 * id without a logo, whether or not such a brand exists, is the same 404.
 */
@RestController
@Hidden
class BrandAssetsController {

	private final BrandManagement brands;

	BrandAssetsController(BrandManagement brands) {
		this.brands = brands;
	}

	@GetMapping("/brand-assets/{brandId}/logo")
	ResponseEntity<byte[]> logo(@PathVariable BrandId brandId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		return LogoTransfer.respond(brands.publicLogo(brandId).orElseThrow(() -> LogoTransfer.notFound(brandId)),
				ifNoneMatch, LogoTransfer.publicCaching());
	}

}
