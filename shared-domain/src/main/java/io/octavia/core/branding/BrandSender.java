package io.octavia.core.branding;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Who messages of a brand come from. Every part may be left unset (null or blank): the
 * brand configuration then takes it from the tenant's default brand, the tenant or the
 * platform defaults.
 *
 * @param fromName display name in the From header; no line breaks
 * @param fromEmail address in the From header
 * @param replyTo address replies go to
 * @param smsSenderId alphanumeric sender id (1 to 11 letters and digits, at least one
 * letter) or an E.164 number such as {@code +4915112345678}
 */
public record BrandSender(
		@Nullable @Size(max = 100, message = "{api.field.brand.from_name}") @Pattern(regexp = "[^\\r\\n]*",
				message = "{api.field.brand.from_name}") String fromName,
		@Nullable @Size(max = 254, message = "{api.field.email}") @Pattern(regexp = BrandSender.EMAIL,
				message = "{api.field.email}") String fromEmail,
		@Nullable @Size(max = 254, message = "{api.field.email}") @Pattern(regexp = BrandSender.EMAIL,
				message = "{api.field.email}") String replyTo,
		@Nullable @Pattern(regexp = "(?=.*[A-Za-z])[A-Za-z0-9]{1,11}|\\+[1-9][0-9]{1,14}",
				message = "{api.field.brand.sms_sender_id}") String smsSenderId) {

	/**
	 * An e-mail address as mail servers accept it in practice: a local part without
	 * spaces, a domain with a dot; nothing that could break out of a header.
	 */
	public static final String EMAIL = "[^@\\s\"<>,;:()\\[\\]\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";

	/** Blank parts are unset. */
	public BrandSender {
		fromName = Blank.toNull(fromName);
		fromEmail = Blank.toNull(fromEmail);
		replyTo = Blank.toNull(replyTo);
		smsSenderId = Blank.toNull(smsSenderId);
	}

	/** Nothing set: everything comes from the fallbacks. */
	public static BrandSender none() {
		return new BrandSender(null, null, null, null);
	}

}
