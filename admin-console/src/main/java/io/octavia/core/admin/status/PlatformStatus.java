package io.octavia.core.admin.status;

import java.time.ZonedDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the running node reports about itself on the operator dashboard.
 *
 * @param version the application version, {@code null} for a build without build info
 * @param javaVersion the Java runtime version
 * @param profiles the active Spring profiles, or the default ones when none is active
 * @param roles the node's roles ({@code octavia.roles})
 * @param serverTime the node's clock
 * @param serverTimeText the node's clock, formatted for the reader
 * @param navigationEntries how many navigation entries modules contribute to this console
 * @param dashboardPanels how many dashboard panels modules contribute to this console
 */
record PlatformStatus(@Nullable String version, String javaVersion, List<String> profiles, List<String> roles,
		ZonedDateTime serverTime, String serverTimeText, int navigationEntries, int dashboardPanels) {

}
