package io.octavia.core.platform.web;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-time message shown at the top of the next page, passed as the flash attribute
 * {@value #ATTRIBUTE} of a redirect. It carries a message key, not text, so the page
 * renders it in the reader's language. Serializable: it waits for the next request in the
 * (Redis) session.
 *
 * @param kind how the message is styled
 * @param messageKey the message to show
 * @param arguments the message arguments
 */
public record Flash(Kind kind, String messageKey, List<Object> arguments) implements Serializable {

	/** The flash attribute name the consoles' layouts read. */
	public static final String ATTRIBUTE = "flash";

	public Flash {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(messageKey, "messageKey");
		arguments = List.copyOf(arguments);
	}

	public static Flash success(String messageKey, Object... arguments) {
		return new Flash(Kind.SUCCESS, messageKey, List.of(arguments));
	}

	public static Flash info(String messageKey, Object... arguments) {
		return new Flash(Kind.INFO, messageKey, List.of(arguments));
	}

	public static Flash warning(String messageKey, Object... arguments) {
		return new Flash(Kind.WARNING, messageKey, List.of(arguments));
	}

	public static Flash error(String messageKey, Object... arguments) {
		return new Flash(Kind.ERROR, messageKey, List.of(arguments));
	}

	public enum Kind {

		SUCCESS, INFO, WARNING, ERROR;

		/** The CSS modifier of the alert component. */
		public String cssClass() {
			return "alert-" + name().toLowerCase(Locale.ROOT);
		}

	}

}
