package io.octavia.core.branding.web;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.web.FormErrors;

/**
 * What the brand editor shows: the brand (null while a new one is being added), the form
 * as entered, its problems and where its actions go. Both consoles render it with the
 * fragments of {@code templates/ui/brand-editor.html}.
 *
 * @param brandsUrl the console's URL of the brands the editor belongs to: the form of a
 * new brand posts there, an existing brand lives at {@code brandsUrl/<id>}
 * @param errors problems of the attribute form
 * @param logoErrors problems of the last logo upload
 * @param saved whether the form was just saved
 */
public record BrandEditor(@Nullable BrandDetails brand, BrandForm form, FormErrors errors, FormErrors logoErrors,
		boolean saved, String brandsUrl) {

	/** The languages a brand may speak. */
	public static final List<String> LOCALES = BrandManagement.LOCALES;

	private static final Pattern COLOR = Pattern.compile(BrandManagement.COLOR);

	public static BrandEditor of(BrandDetails brand, String brandsUrl) {
		return new BrandEditor(brand, BrandForm.of(brand), FormErrors.none(), FormErrors.none(), false, brandsUrl);
	}

	public static BrandEditor adding(String brandsUrl) {
		return new BrandEditor(null, BrandForm.blank(BrandManagement.DEFAULT_PRIMARY_COLOR), FormErrors.none(),
				FormErrors.none(), false, brandsUrl);
	}

	public BrandEditor withForm(BrandForm entered, FormErrors problems) {
		return new BrandEditor(brand, entered, problems, FormErrors.none(), false, brandsUrl);
	}

	public BrandEditor savedAs(BrandDetails changed) {
		return new BrandEditor(changed, BrandForm.of(changed), FormErrors.none(), FormErrors.none(), true, brandsUrl);
	}

	public BrandEditor withLogoErrors(FormErrors problems) {
		return new BrandEditor(brand, form, errors, problems, false, brandsUrl);
	}

	/** Where the form posts: the brand, or the list for a new one. */
	public String url() {
		return (brand != null) ? brandsUrl + "/" + brand.id() : brandsUrl;
	}

	/** The logo as everyone may load it, versioned so a new upload shows at once. */
	public @Nullable String logoSrc() {
		if (brand == null || brand.logo() == null) {
			return null;
		}
		return BrandManagement.LOGO_PATH.replace("{brandId}", brand.id().toString()) + "?v=" + brand.logo().sha256();
	}

	/** A colour of the preview: the entered one while it is valid, else the fallback. */
	public String previewColor(@Nullable String entered, String fallback) {
		return (entered != null && COLOR.matcher(entered.strip()).matches()) ? entered.strip() : fallback;
	}

	/** The colour the picker starts from: it cannot show "unset". */
	public String pickerColor(@Nullable String entered) {
		return previewColor(entered, BrandManagement.DEFAULT_PRIMARY_COLOR);
	}

}
