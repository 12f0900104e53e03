package io.octavia.core.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.ApiKeyCreated;
import io.octavia.core.apikeys.ApiKeyPolicyChanged;
import io.octavia.core.apikeys.ApiKeyRevoked;
import io.octavia.core.apikeys.ApiKeyRotated;
import io.octavia.core.audit.AuditEntry;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.branding.BrandCreated;
import io.octavia.core.branding.BrandDeleted;
import io.octavia.core.branding.BrandUpdated;
import io.octavia.core.identity.AccountStatusChanged;
import io.octavia.core.identity.EmailDomainRemoved;
import io.octavia.core.identity.EmailDomainVerified;
import io.octavia.core.identity.EmailVerified;
import io.octavia.core.identity.FederatedAccountLinked;
import io.octavia.core.identity.InvitationAccepted;
import io.octavia.core.identity.InvitationRevoked;
import io.octavia.core.identity.MemberRemoved;
import io.octavia.core.identity.MemberRoleChanged;
import io.octavia.core.identity.MemberStatusChanged;
import io.octavia.core.identity.IdentityProviderConfigured;
import io.octavia.core.identity.IdentityProviderRemoved;
import io.octavia.core.identity.MemberJoinedJustInTime;
import io.octavia.core.identity.MfaPolicyChanged;
import io.octavia.core.identity.PasswordChanged;
import io.octavia.core.identity.SecondFactorChanged;
import io.octavia.core.identity.UserInvited;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.tenancy.TenantActivated;
import io.octavia.core.tenancy.TenantClosed;
import io.octavia.core.tenancy.TenantCreated;
import io.octavia.core.tenancy.TenantPurged;
import io.octavia.core.tenancy.TenantResumed;
import io.octavia.core.tenancy.TenantSuspended;
import io.octavia.core.tenancy.TenantStatus;
import io.octavia.core.tenancy.TenantUpdated;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Records the other modules' domain events. Each listener runs after the publishing
 * transaction committed, through the event publication registry, so an event is recorded
 * even when the node stops in between (it is delivered again on restart); the event id is
 * unique per log, so a second delivery records nothing. The record keeps who caused the
 * event, from where and when, as captured with the event.
 */
@Component
class DomainEventAuditing {

	private final AuditManagement audit;

	DomainEventAuditing(AuditManagement audit) {
		this.audit = audit;
	}

	// No transaction around the listeners: the record binds its tenant's scope before its
	// transaction begins.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantCreated event) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("slug", event.slug());
		after.put("name", event.name());
		after.put("status", TenantStatus.PROVISIONING.value());
		after.put("defaultLocale", event.defaultLocale());
		after.put("timeZone", event.timeZone());
		after.put("defaultCurrency", event.defaultCurrency());
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null, after);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantActivated event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), status(TenantStatus.PROVISIONING),
				status(TenantStatus.ACTIVE));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantSuspended event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), status(TenantStatus.ACTIVE),
				status(TenantStatus.SUSPENDED));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantResumed event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), status(TenantStatus.SUSPENDED),
				status(TenantStatus.ACTIVE));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantClosed event) {
		// closing starts from active or suspended; the event does not say which
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null,
				Map.of("status", TenantStatus.CLOSED.value(), "closedAt", event.closedAt().toString()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantPurged event) {
		// the tenant's log outlives its data: it is the evidence of what happened to it
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), status(TenantStatus.CLOSED),
				Map.of("status", TenantStatus.PURGED.value(), "purgedAt", event.purgedAt().toString()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantUpdated event) {
		// the new values of what changed; metadata is free-form and may be large, so only
		// its change is noted
		Map<String, Object> values = Map.of("name", event.name(), "defaultLocale", event.defaultLocale(), "timeZone",
				event.timeZone(), "defaultCurrency", event.defaultCurrency());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("changed", event.changed());
		event.changed().stream().filter(values::containsKey).forEach(field -> after.put(field, values.get(field)));
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null, after);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BrandCreated event) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("slug", event.slug());
		after.put("name", event.name());
		after.put("defaultBrand", event.defaultBrand());
		after.put("hostnames", event.hostnames());
		after.put("primaryColor", event.primaryColor());
		record(event.metadata(), event.type(), "brand", event.brandId().toString(), null, after);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BrandUpdated event) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("changed", event.changed());
		after.put("slug", event.slug());
		after.put("name", event.name());
		after.put("defaultBrand", event.defaultBrand());
		after.put("hostnames", event.hostnames());
		record(event.metadata(), event.type(), "brand", event.brandId().toString(), null, after);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BrandDeleted event) {
		record(event.metadata(), event.type(), "brand", event.brandId().toString(), Map.of("slug", event.slug()), null);
	}

	// ---- identity: never the links or tokens some of these events carry

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(UserInvited event) {
		record(event.metadata(), event.type(), "invitation", event.invitationId().toString(), null, Map.of("email",
				event.email(), "role", event.role().value(), "expiresAt", event.expiresAt().toString()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(InvitationAccepted event) {
		record(event.metadata(), event.type(), "invitation", event.invitationId().toString(), null,
				Map.of("userId", event.userId().toString(), "email", event.email(), "role", event.role().value(),
						"accountCreated", event.accountCreated()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(InvitationRevoked event) {
		record(event.metadata(), event.type(), "invitation", event.invitationId().toString(),
				Map.of("email", event.email()), null);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MemberRoleChanged event) {
		record(event.metadata(), event.type(), "member", event.userId().toString(),
				Map.of("role", event.from().value()), Map.of("role", event.to().value()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MemberRemoved event) {
		record(event.metadata(), event.type(), "member", event.userId().toString(),
				Map.of("role", event.role().value()), null);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MemberStatusChanged event) {
		record(event.metadata(), event.type(), "member", event.userId().toString(), null,
				Map.of("status", event.status().value()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MfaPolicyChanged event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null,
				Map.of("mfaRequired", event.mfaRequired()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(IdentityProviderConfigured event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null,
				Map.of("issuerUrl", event.issuerUrl(), "enabled", event.enabled()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(IdentityProviderRemoved event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null, null);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(EmailDomainVerified event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null,
				Map.of("domain", event.domain()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(EmailDomainRemoved event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(),
				Map.of("domain", event.domain(), "verified", event.wasVerified()), null);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(FederatedAccountLinked event) {
		record(event.metadata(), event.type(), "member", event.userId().toString(), null,
				Map.of("issuer", event.issuer(), "subject", event.subject(), "accountCreated", event.accountCreated()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MemberJoinedJustInTime event) {
		record(event.metadata(), event.type(), "member", event.userId().toString(), null,
				Map.of("role", event.role().value(), "accountCreated", event.accountCreated()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PasswordChanged event) {
		record(event.metadata(), event.type(), "user", event.userId().toString(), null, null);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(EmailVerified event) {
		record(event.metadata(), event.type(), "user", event.userId().toString(), null, Map.of("email", event.email()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(SecondFactorChanged event) {
		record(event.metadata(), event.type(), "user", event.userId().toString(), null,
				Map.of("mfaEnabled", event.enabled()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(AccountStatusChanged event) {
		record(event.metadata(), event.type(), "user", event.userId().toString(), null,
				Map.of("status", event.status().value()));
	}

	// ---- API keys: never the key or its signing secret

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ApiKeyCreated event) {
		record(event.metadata(), event.type(), "api_key", event.keyId(), null,
				Map.of("name", event.name(), "scopes", new java.util.TreeSet<>(event.scopes())));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ApiKeyRotated event) {
		record(event.metadata(), event.type(), "api_key", event.keyId(), null,
				Map.of("newKeyId", event.newKeyId(), "oldKeyExpiresAt", event.oldKeyExpiresAt().toString()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ApiKeyRevoked event) {
		record(event.metadata(), event.type(), "api_key", event.keyId(), null,
				Map.of("status", "revoked", "emergency", event.emergency()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ApiKeyPolicyChanged event) {
		record(event.metadata(), event.type(), "tenant", event.tenantId().toString(), null,
				Map.of("requireSignatures", event.requireSignatures()));
	}

	private void record(EventMetadata metadata, String action, String targetType, String targetId,
			@Nullable Map<String, ?> before, @Nullable Map<String, ?> after) {
		audit.record(AuditEntry.of(metadata, action, targetType, targetId).withChange(before, after));
	}

	private static Map<String, Object> status(TenantStatus status) {
		return Map.of("status", status.value());
	}

}
