package io.octavia.core.branding;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What invoices of a brand name as the seller. Parts left unset (null or blank) come from
 * the fallbacks of the brand configuration.
 *
 * @param address postal address, several lines
 * @param taxId VAT or tax number, e.g. {@code DE123456789}
 */
public record BrandLegal(@Nullable @Size(max = 200, message = "{api.field.name}") String legalName,
		@Nullable @Size(max = 500, message = "{api.field.brand.legal_address}") String address,
		@Nullable @Size(max = 50, message = "{api.field.brand.tax_id}") @Pattern(regexp = "[A-Za-z0-9 ./-]*",
				message = "{api.field.brand.tax_id}") String taxId) {

	/** Blank parts are unset. */
	public BrandLegal {
		legalName = Blank.toNull(legalName);
		address = Blank.toNull(address);
		taxId = Blank.toNull(taxId);
	}

	public static BrandLegal none() {
		return new BrandLegal(null, null, null);
	}

}
