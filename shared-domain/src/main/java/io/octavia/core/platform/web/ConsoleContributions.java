package io.octavia.core.platform.web;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

/**
 * Selects and orders the contributions of one console slot. Both consoles render their
 * navigation and dashboard with it, so ordering and the "current page" rule agree.
 */
public final class ConsoleContributions {

	private static final Comparator<ConsoleContribution> POSITION = Comparator.comparingInt(ConsoleContribution::order)
		.thenComparing(ConsoleContribution::id);

	private ConsoleContributions() {
	}

	public static List<ConsoleContribution> select(Collection<ConsoleContribution> contributions, Console console,
			Slot slot) {
		return contributions.stream()
			.filter((contribution) -> contribution.console() == console && contribution.slot() == slot)
			.sorted(POSITION)
			.toList();
	}

	/**
	 * The navigation entry for {@code path}: the one whose URL is the longest prefix of
	 * it on a segment boundary, so {@code /admin/tenants/42} highlights
	 * {@code /admin/tenants} and not {@code /admin}.
	 */
	public static Optional<ConsoleContribution> current(List<ConsoleContribution> navigation, String path) {
		return navigation.stream()
			.filter((entry) -> path.equals(entry.url()) || path.startsWith(entry.url() + "/"))
			.max(Comparator.comparingInt((ConsoleContribution entry) -> entry.url().length()));
	}

}
