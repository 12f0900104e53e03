package io.octavia.core.platform.web;

import java.util.Objects;

/**
 * A part of a console page owned by a module: a navigation entry or a fragment that the
 * page loads with {@code hx-get}. Modules declare contributions as beans, so a new module
 * adds itself to a console without editing the console's layout.
 *
 * @param console the console the part belongs to
 * @param slot where it goes: {@link Slot#NAVIGATION} or {@link Slot#DASHBOARD}
 * @param id stable identifier, used as DOM id
 * @param labelKey message key of its label
 * @param url the page (navigation) or fragment (dashboard) it points to
 * @param order ascending position within the slot
 */
public record ConsoleContribution(Console console, Slot slot, String id, String labelKey, String url, int order) {

	public ConsoleContribution {
		Objects.requireNonNull(console, "console");
		Objects.requireNonNull(slot, "slot");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(labelKey, "labelKey");
		Objects.requireNonNull(url, "url");
	}

	public enum Console {

		ADMIN, PORTAL

	}

	public enum Slot {

		NAVIGATION, DASHBOARD

	}

}
