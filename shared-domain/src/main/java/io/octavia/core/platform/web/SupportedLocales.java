package io.octavia.core.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The languages Octavia speaks. One list shared by the locale resolver, the consoles'
 * language switcher and the message bundles, so adding a language is one edit here plus
 * one bundle.
 */
public final class SupportedLocales {

	/** Used when nothing the caller asked for is supported. */
	public static final Locale FALLBACK = Locale.ENGLISH;

	/** In the order the language switcher shows them. */
	public static final List<Locale> ALL = List.of(FALLBACK, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"),
			Locale.forLanguageTag("fa"));

	// scripts written right to left, including ones we do not translate yet, so a
	// new bundle for them gets the right layout without code changes
	private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");

	private SupportedLocales() {
	}

	/**
	 * The supported locale with the same language as {@code requested}, or the fallback.
	 * Regions are dropped: there is one bundle per language.
	 */
	public static Locale supported(@Nullable Locale requested) {
		if (requested == null) {
			return FALLBACK;
		}
		return ALL.stream()
			.filter((locale) -> locale.getLanguage().equals(requested.getLanguage()))
			.findFirst()
			.orElse(FALLBACK);
	}

	/**
	 * The best supported locale for an {@code Accept-Language} header (RFC 4647 lookup,
	 * honouring q-values), or the fallback when the header is absent, malformed or names
	 * nothing we support.
	 */
	public static Locale negotiate(@Nullable String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return FALLBACK;
		}
		try {
			Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), ALL);
			return (match != null) ? match : FALLBACK;
		}
		catch (IllegalArgumentException ex) {
			return FALLBACK;
		}
	}

	public static boolean isRightToLeft(Locale locale) {
		return RIGHT_TO_LEFT.contains(locale.getLanguage());
	}

}
