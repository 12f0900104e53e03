package io.octavia.core.branding.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.branding.UpdateBrand;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.FormErrors;

/**
 * The brand editor's fields as the browser sends them: flat text, hostnames one per line,
 * blank meaning unset. The domain validates; its problems come back per field of this
 * form ({@link #errors}).
 */
public record BrandForm(@Nullable String slug, @Nullable String name, @Nullable String hostnames,
		@Nullable String primaryColor, @Nullable String accentColor, @Nullable String backgroundColor,
		@Nullable String defaultLocale, @Nullable List<String> supportedLocales, @Nullable String fromName,
		@Nullable String fromEmail, @Nullable String replyTo, @Nullable String smsSenderId, @Nullable String legalName,
		@Nullable String legalAddress, @Nullable String taxId, @Nullable String supportEmail,
		@Nullable String supportUrl) {

	private static final Map<String, String> CONFLICTS = Map.of("brand_slug_taken", "slug", "brand_hostname_taken",
			"hostnames");

	private static final Map<String, String> RENAMES = Map.ofEntries(Map.entry("sender.fromName", "fromName"),
			Map.entry("sender.fromEmail", "fromEmail"), Map.entry("sender.replyTo", "replyTo"),
			Map.entry("sender.smsSenderId", "smsSenderId"), Map.entry("legal.legalName", "legalName"),
			Map.entry("legal.address", "legalAddress"), Map.entry("legal.taxId", "taxId"),
			Map.entry("support.email", "supportEmail"), Map.entry("support.url", "supportUrl"));

	/** An empty form for a new brand, in the platform's colour. */
	public static BrandForm blank(String primaryColor) {
		return new BrandForm(null, null, null, primaryColor, null, null, null, List.of(), null, null, null, null, null,
				null, null, null, null);
	}

	public static BrandForm of(BrandDetails brand) {
		return new BrandForm(brand.slug(), brand.name(), String.join("\n", brand.hostnames()), brand.primaryColor(),
				brand.accentColor(), brand.backgroundColor(), brand.defaultLocale(), brand.supportedLocales(),
				brand.sender().fromName(), brand.sender().fromEmail(), brand.sender().replyTo(),
				brand.sender().smsSenderId(), brand.legal().legalName(), brand.legal().address(), brand.legal().taxId(),
				brand.support().email(), brand.support().url());
	}

	public UpdateBrand toUpdate() {
		return new UpdateBrand(text(slug), text(name), hostnameList(), text(primaryColor), text(accentColor),
				text(backgroundColor), text(defaultLocale), locales(), sender(), legal(), support());
	}

	public CreateBrand toCreate(TenantId tenant) {
		return new CreateBrand(tenant, text(slug), text(name), hostnameList(), text(primaryColor), text(accentColor),
				text(backgroundColor), text(defaultLocale), locales(), sender(), legal(), support());
	}

	/** Whether {@code locale} is ticked among the supported languages. */
	public boolean supports(String locale) {
		return supportedLocales != null && supportedLocales.contains(locale);
	}

	/** The domain's refusal of this form, by field of the form. */
	public static FormErrors errors(DomainProblem problem) {
		return FormErrors.of(problem, CONFLICTS, RENAMES);
	}

	private List<String> hostnameList() {
		if (hostnames == null) {
			return List.of();
		}
		return Arrays.stream(hostnames.split("[\\r\\n,]+"))
			.map(String::strip)
			.filter(hostname -> !hostname.isEmpty())
			.toList();
	}

	private List<String> locales() {
		return (supportedLocales != null) ? supportedLocales.stream().filter(locale -> !locale.isBlank()).toList()
				: List.of();
	}

	private BrandSender sender() {
		return new BrandSender(fromName, fromEmail, replyTo, smsSenderId);
	}

	private BrandLegal legal() {
		return new BrandLegal(legalName, legalAddress, taxId);
	}

	private BrandSupport support() {
		return new BrandSupport(supportEmail, supportUrl);
	}

	private static @Nullable String text(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
