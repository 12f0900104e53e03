package io.octavia.core.notifications.internal;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandConfiguration;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.EmailVerificationRequested;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PasswordResetRequested;
import io.octavia.core.identity.UserInvited;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.crypto.EnvelopeEncryption;
import io.octavia.core.platform.web.SupportedLocales;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Sends the mails the identity module asks for. Each listener runs after the requesting
 * transaction committed, through the event publication registry, so a mail is retried
 * when the node stopped or the SMTP server failed in between (a retry may send a mail
 * twice; a link that works once makes that harmless). Texts come from the message bundles
 * ({@code mail.*}); the sender is the brand's where the request names one.
 */
@Component
class AccountMails {

	private static final String ACTOR = "system:notifications";

	private final JavaMailSender mail;

	private final MessageSource messages;

	private final EnvelopeEncryption encryption;

	private final BrandManagement brands;

	private final TenantManagement tenants;

	private final String platformFromName;

	private final String platformFromEmail;

	AccountMails(JavaMailSender mail, MessageSource messages, EnvelopeEncryption encryption, BrandManagement brands,
			TenantManagement tenants, @Value("${octavia.branding.defaults.from-name:Octavia}") String platformFromName,
			@Value("${octavia.branding.defaults.from-email:no-reply@octavia.local}") String platformFromEmail) {
		this.mail = mail;
		this.messages = messages;
		this.encryption = encryption;
		this.brands = brands;
		this.tenants = tenants;
		this.platformFromName = platformFromName;
		this.platformFromEmail = platformFromEmail;
	}

	// No transaction around the listeners: the tenant's scope is bound before any begins.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(UserInvited event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), ACTOR), () -> {
			BrandConfiguration brand = brand(event.metadata().brandId(), event);
			Locale locale = (brand != null) ? brand.defaultLocale() : SupportedLocales.FALLBACK;
			String tenantName = (brand != null) ? brand.name()
					: tenants.find(event.tenantId()).map(tenant -> tenant.name()).orElse("Octavia");
			String role = messages.getMessage("TenantRole." + event.role().name(), null, event.role().value(), locale);
			send(event.email(), brand, locale, "mail.invitation.subject", new Object[] { tenantName },
					"mail.invitation.body",
					new Object[] { tenantName, role, link(event.sealedLink()), expiry(event.expiresAt(), locale) });
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PasswordResetRequested event) {
		Locale locale = SupportedLocales.supported(event.locale());
		send(event.email(), null, locale, "mail.password_reset.subject", new Object[0], "mail.password_reset.body",
				new Object[] { link(event.sealedLink()), expiry(event.expiresAt(), locale) });
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(EmailVerificationRequested event) {
		Locale locale = SupportedLocales.supported(event.locale());
		send(event.email(), null, locale, "mail.email_verification.subject", new Object[0],
				"mail.email_verification.body",
				new Object[] { link(event.sealedLink()), expiry(event.expiresAt(), locale) });
	}

	private @Nullable BrandConfiguration brand(@Nullable BrandId brand, UserInvited event) {
		if (brand != null) {
			return brands.configuration(brand);
		}
		return brands.defaultBrand(event.tenantId()).map(details -> brands.configuration(details.id())).orElse(null);
	}

	private String link(String sealedLink) {
		return encryption.openString(sealedLink, IdentityManagement.MAIL_LINK_PURPOSE);
	}

	private static String expiry(Instant expiresAt, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale)
			.withZone(ZoneOffset.UTC)
			.format(expiresAt) + " UTC";
	}

	private void send(String to, @Nullable BrandConfiguration brand, Locale locale, String subjectKey,
			Object[] subjectArguments, String bodyKey, Object[] bodyArguments) {
		String fromName = (brand != null) ? brand.sender().fromName() : platformFromName;
		String fromEmail = (brand != null) ? brand.sender().fromEmail() : platformFromEmail;
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom(new InternetAddress(fromEmail, fromName, "UTF-8"));
			if (brand != null && brand.sender().replyTo() != null) {
				helper.setReplyTo(brand.sender().replyTo());
			}
			helper.setTo(to);
			helper.setSubject(messages.getMessage(subjectKey, subjectArguments, locale));
			helper.setText(messages.getMessage(bodyKey, bodyArguments, locale));
			mail.send(message);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Could not send " + subjectKey + " to a user", ex);
		}
	}

}
