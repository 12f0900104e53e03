package io.octavia.core.identity;

import org.jspecify.annotations.Nullable;

/**
 * Changes to one's own profile; null leaves a value as it is.
 *
 * @param locale a BCP 47 tag of a supported language
 * @param timeZone a region id such as {@code Europe/Berlin}
 */
public record ProfileChange(@Nullable String displayName, @Nullable String locale, @Nullable String timeZone) {
}
