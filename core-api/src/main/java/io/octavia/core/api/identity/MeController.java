package io.octavia.core.api.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.api.identity.Responses.ProfileResponse;
import io.octavia.core.api.identity.Responses.RecoveryCodesResponse;
import io.octavia.core.api.identity.Responses.TotpEnrolmentResponse;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.ProfileChange;
import io.octavia.core.identity.TotpEnrolment;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account. The permission is being a user: a credential without one (an
 * API key) is 403 {@code forbidden}.
 */
@RestController
@RequestMapping("/api/v1/me")
// the caller's own account: any verified user, operator or tenant member
@RequiresPermission(value = RequiresPermission.AUTHENTICATED, caller = Caller.EITHER)
@Tag(name = "My account", description = "Your profile, password and two-factor sign-in")
class MeController {

	private final IdentityManagement identity;

	MeController(IdentityManagement identity) {
		this.identity = identity;
	}

	/**
	 * @param locale en, de, fr, es or fa (optionally with a region)
	 * @param timeZone region id such as Europe/Berlin
	 */
	record ProfileRequest(@Nullable String displayName, @Schema(example = "de") @Nullable String locale,
			@Schema(example = "Europe/Berlin") @Nullable String timeZone) {
	}

	record PasswordChangeRequest(@Nullable String currentPassword, @Nullable String newPassword) {
	}

	/**
	 * @param code a current code of the authenticator app, or a recovery code
	 */
	record CodeRequest(@Schema(example = "123456") @Nullable String code) {
	}

	@GetMapping
	@Operation(summary = "Get your profile")
	ProfileResponse get() {
		return ProfileResponse.of(identity.profile(caller()));
	}

	@PatchMapping(consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change your display name, language or time zone",
			description = "Send only what changes. The e-mail address does not change here.")
	ProfileResponse update(@RequestBody ProfileRequest request) {
		UserId user = caller();
		return ProfileResponse.of(identity.updateProfile(user,
				new ProfileChange(request.displayName(), request.locale(), request.timeZone())));
	}

	@PostMapping("/password")
	@Operation(summary = "Change your password",
			description = "Needs the current password (wrong: 400 with a field error on currentPassword; counts "
					+ "towards the account's lock). The new one needs 12 to 256 characters and must not be a common "
					+ "password.")
	ResponseEntity<Void> changePassword(@RequestBody PasswordChangeRequest request) {
		identity.changePassword(caller(), request.currentPassword(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/email-verification")
	@Operation(summary = "Mail yourself a link that verifies your address")
	ResponseEntity<Void> requestEmailVerification() {
		identity.requestEmailVerification(caller());
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/mfa/totp")
	@Operation(summary = "Start TOTP enrolment",
			description = "Returns a new seed for an authenticator app; two-factor sign-in starts once a code "
					+ "confirms it. 409 mfa_already_enabled while it is on.")
	TotpEnrolmentResponse startTotp() {
		TotpEnrolment enrolment = identity.startTotpEnrolment(caller());
		return new TotpEnrolmentResponse(enrolment.secret(), enrolment.otpauthUri());
	}

	@PostMapping("/mfa/totp/confirm")
	@Operation(summary = "Confirm TOTP enrolment with a first code",
			description = "Returns ten single-use recovery codes; they are shown this once.")
	RecoveryCodesResponse confirmTotp(@RequestBody CodeRequest request) {
		return new RecoveryCodesResponse(identity.confirmTotpEnrolment(caller(), request.code()));
	}

	@DeleteMapping("/mfa/totp")
	@Operation(summary = "Turn TOTP off", description = "Needs a current code or a recovery code in the body.")
	ResponseEntity<Void> disableTotp(@RequestBody CodeRequest request) {
		identity.disableTotp(caller(), request.code());
		return ResponseEntity.noContent().build();
	}

	private static UserId caller() {
		return TenantContext.current()
			.map(TenantContext.Scope::userId)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden"));
	}

}
