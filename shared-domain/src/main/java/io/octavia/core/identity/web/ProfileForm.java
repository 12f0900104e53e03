package io.octavia.core.identity.web;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.ProfileChange;
import io.octavia.core.identity.UserProfile;

/** One's own profile as the browser sends it; the domain validates. */
public record ProfileForm(@Nullable String displayName, @Nullable String locale, @Nullable String timeZone) {

	static ProfileForm of(UserProfile profile) {
		return new ProfileForm(profile.displayName(), profile.locale().toLanguageTag(), profile.timeZone().getId());
	}

	/** Blank fields count as entered, so the domain says what is wrong with them. */
	ProfileChange toChange() {
		return new ProfileChange(strip(displayName), strip(locale), strip(timeZone));
	}

	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

}
