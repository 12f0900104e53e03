package io.octavia.core.branding.internal;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.BrandSender;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's own brand: the last link of every brand configuration's fallback chain.
 * Checked at startup like brand attributes are.
 *
 * @param logoUrl logo for brands whose tenant has none; null for none
 */
@Validated
@ConfigurationProperties("octavia.branding.defaults")
public record BrandingDefaults(
		@DefaultValue(BrandManagement.DEFAULT_PRIMARY_COLOR) @Pattern(
				regexp = BrandingDefaults.LOWER_COLOR) String primaryColor,
		@DefaultValue("#0ea5e9") @Pattern(regexp = BrandingDefaults.LOWER_COLOR) String accentColor,
		@DefaultValue("#ffffff") @Pattern(regexp = BrandingDefaults.LOWER_COLOR) String backgroundColor,
		@DefaultValue("en") @Pattern(regexp = BrandingDefaults.LOCALE) String defaultLocale, @DefaultValue( {
				"en", "de", "fr", "es",
				"fa" }) @NotEmpty List<@Pattern(regexp = BrandingDefaults.LOCALE) String> supportedLocales,
		@DefaultValue("Octavia") @NotBlank @Pattern(regexp = "[^\\r\\n]{1,100}") String fromName,
		@DefaultValue("no-reply@octavia.local") @Pattern(regexp = BrandSender.EMAIL) String fromEmail,
		@Nullable @Pattern(regexp = BrandSender.EMAIL) String replyTo,
		@DefaultValue("Octavia") @Pattern(regexp = "[A-Za-z0-9]{1,11}|\\+[1-9][0-9]{1,14}") String smsSenderId,
		@DefaultValue("Octavia") @NotBlank String legalName, @Nullable String legalAddress, @Nullable String taxId,
		@Nullable @Pattern(regexp = BrandSender.EMAIL) String supportEmail,
		@Nullable @Pattern(regexp = "https?://\\S+") String supportUrl, @Nullable String logoUrl){

	static final String LOWER_COLOR = "#[0-9a-f]{6}";

	static final String LOCALE = "en|de|fr|es|fa";

}
