package io.octavia.core.identity.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.TotpEnrolment;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;

import org.springframework.stereotype.Component;

/**
 * A person's own account, the same in both consoles: profile, password and two-factor
 * sign-in (TOTP: start, confirm with a code, recovery codes shown once, turn off with a
 * code). Each console's controller maps the URLs and renders the {@link Step} with the
 * shared fragments of {@code identity/account.html}. The account is always the caller's
 * own, never one named in the request; a credential without a user (an API key) is
 * refused.
 */
@Component
public class AccountPage {

	/**
	 * The template with the shared fragments: {@code profile-form},
	 * {@code password-form}, {@code mfa}.
	 */
	public static final String FRAGMENTS = "identity/account";

	/** Refusals of a code that belong at the code field. */
	private static final Map<String, String> CODE_PROBLEMS = Map.of("invalid_second_factor", "code",
			"mfa_enrolment_not_started", "code", "mfa_not_enabled", "code");

	private final IdentityManagement identity;

	AccountPage(IdentityManagement identity) {
		this.identity = identity;
	}

	/**
	 * @param url where the console mounts the page, for its forms
	 */
	public Step show(String url) {
		return new Step(model(url, identity.profile(caller())), 200, null);
	}

	public Step saveProfile(String url, ProfileForm form) {
		UserId user = caller();
		try {
			Map<String, Object> model = model(url, identity.updateProfile(user, form.toChange()));
			model.put("profileSaved", true);
			return new Step(model, 200, Flash.success("account.profile.saved"));
		}
		catch (DomainProblem problem) {
			Map<String, Object> model = model(url, identity.profile(user));
			model.put("profileForm", form);
			model.put("profileErrors", FormErrors.of(problem, Map.of(), Map.of()));
			return new Step(model, 422, null);
		}
	}

	public Step changePassword(String url, PasswordForm form) {
		UserId user = caller();
		try {
			identity.changePassword(user, form.currentPassword(), form.newPassword());
			Map<String, Object> model = model(url, identity.profile(user));
			model.put("passwordChanged", true);
			return new Step(model, 200, Flash.success("account.password.changed"));
		}
		catch (DomainProblem problem) {
			Map<String, Object> model = model(url, identity.profile(user));
			model.put("passwordErrors", FormErrors.of(problem, Map.of(), Map.of()));
			return new Step(model, 422, null);
		}
	}

	/**
	 * Starts enrolment: the seed to scan or type and the field for the first code. Shown
	 * on the page itself, never through a redirect, so the seed never waits in the
	 * session.
	 */
	public Step startTotp(String url) {
		UserId user = caller();
		try {
			TotpEnrolment enrolment = identity.startTotpEnrolment(user);
			Map<String, Object> model = model(url, identity.profile(user));
			showEnrolment(model, enrolment);
			return new Step(model, 200, null);
		}
		catch (DomainProblem problem) {
			return mfaRefused(url, user, problem, null);
		}
	}

	/** Confirms enrolment with a first code and shows the recovery codes, this once. */
	public Step confirmTotp(String url, CodeForm form) {
		UserId user = caller();
		try {
			List<String> recoveryCodes = identity.confirmTotpEnrolment(user, form.codeOrBlank());
			Map<String, Object> model = model(url, identity.profile(user));
			model.put("recoveryCodes", recoveryCodes);
			return new Step(model, 200, null);
		}
		catch (DomainProblem problem) {
			return mfaRefused(url, user, problem, form.enrolment());
		}
	}

	public Step disableTotp(String url, CodeForm form) {
		UserId user = caller();
		try {
			identity.disableTotp(user, form.codeOrBlank());
			Map<String, Object> model = model(url, identity.profile(user));
			model.put("mfaDisabled", true);
			return new Step(model, 200, Flash.success("account.mfa.disabled"));
		}
		catch (DomainProblem problem) {
			return mfaRefused(url, user, problem, null);
		}
	}

	private Step mfaRefused(String url, UserId user, DomainProblem problem, @Nullable TotpEnrolment enrolment) {
		Map<String, Object> model = model(url, identity.profile(user));
		if (enrolment != null) {
			showEnrolment(model, enrolment);
		}
		model.put("mfaErrors", FormErrors.of(problem, CODE_PROBLEMS, Map.of()));
		return new Step(model, 422, null);
	}

	private static void showEnrolment(Map<String, Object> model, TotpEnrolment enrolment) {
		model.put("enrolment", enrolment);
		model.put("enrolmentQrCode", TotpQrCode.dataUri(enrolment.otpauthUri()));
	}

	private static Map<String, Object> model(String url, UserProfile profile) {
		Map<String, Object> model = new HashMap<>();
		model.put("accountUrl", url);
		model.put("profile", profile);
		model.put("profileForm", ProfileForm.of(profile));
		model.put("profileErrors", FormErrors.none());
		model.put("passwordErrors", FormErrors.none());
		model.put("mfaErrors", FormErrors.none());
		return model;
	}

	/** The signed-in person. */
	private static UserId caller() {
		TenantContext.Scope scope = TenantContext.current()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "unauthorized"));
		UserId user = scope.userId();
		if (user == null) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		return user;
	}

	/**
	 * What a console renders after a request.
	 *
	 * @param model the attributes of the page and its fragments
	 * @param status 200, or 422 with the problems at their fields
	 * @param done for a plain (non-htmx) post that succeeded: redirect to the page with
	 * this message; null to render the page
	 */
	public record Step(Map<String, Object> model, int status, @Nullable Flash done) {

		public Step {
			model = Map.copyOf(model);
		}

	}

}
