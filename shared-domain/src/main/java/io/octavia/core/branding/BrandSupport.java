package io.octavia.core.branding;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Where customers of a brand get help. Parts left unset (null or blank) come from the
 * fallbacks of the brand configuration.
 *
 * @param url an absolute http or https address
 */
public record BrandSupport(
		@Nullable @Size(max = 254, message = "{api.field.email}") @Pattern(regexp = BrandSender.EMAIL,
				message = "{api.field.email}") String email,
		@Nullable @Size(max = 2000, message = "{api.field.brand.support_url}") @Pattern(
				regexp = "https?://[^\\s/?#]+[^\\s]*", message = "{api.field.brand.support_url}") String url) {

	/** Blank parts are unset. */
	public BrandSupport {
		email = Blank.toNull(email);
		url = Blank.toNull(url);
	}

	public static BrandSupport none() {
		return new BrandSupport(null, null);
	}

}
