package io.octavia.core.api.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationPage;
import io.octavia.core.identity.Member;
import io.octavia.core.identity.MemberPage;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** The identity API's response bodies. */
final class Responses {

	private Responses() {
	}

	/**
	 * @param role owner, admin, developer, billing or viewer
	 * @param status of the membership in this tenant: active or disabled
	 * @param accountStatus of the account on the whole platform
	 */
	record MemberResponse(UserId userId, String email, String displayName, String role, String status,
			String accountStatus, boolean emailVerified, Instant joinedAt) {

		static MemberResponse of(Member member) {
			return new MemberResponse(member.userId(), member.email(), member.displayName(), member.role().value(),
					member.status().value(), member.accountStatus().value(), member.emailVerified(), member.joinedAt());
		}

	}

	/**
	 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
	 */
	record MemberPageResponse(List<MemberResponse> items, @Nullable String nextCursor) {

		static MemberPageResponse of(MemberPage page) {
			return new MemberPageResponse(page.items().stream().map(MemberResponse::of).toList(), page.nextCursor());
		}

	}

	/**
	 * @param status pending, accepted, revoked or expired
	 */
	record InvitationResponse(UUID id, String email, String role, String status, @Nullable UserId invitedBy,
			Instant createdAt, Instant expiresAt) {

		static InvitationResponse of(Invitation invitation) {
			return new InvitationResponse(invitation.id(), invitation.email(), invitation.role().value(),
					invitation.status().value(), invitation.invitedBy(), invitation.createdAt(),
					invitation.expiresAt());
		}

	}

	/**
	 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
	 */
	record InvitationPageResponse(List<InvitationResponse> items, @Nullable String nextCursor) {

		static InvitationPageResponse of(InvitationPage page) {
			return new InvitationPageResponse(page.items().stream().map(InvitationResponse::of).toList(),
					page.nextCursor());
		}

	}

	/**
	 * @param locale BCP 47 tag
	 * @param timeZone region id
	 */
	record ProfileResponse(UserId id, String email, String displayName, String locale, String timeZone,
			boolean emailVerified, boolean mfaEnabled) {

		static ProfileResponse of(UserProfile profile) {
			return new ProfileResponse(profile.id(), profile.email(), profile.displayName(),
					profile.locale().toLanguageTag(), profile.timeZone().getId(), profile.emailVerified(),
					profile.mfaEnabled());
		}

	}

	/**
	 * @param secret base32 seed to type into an authenticator app
	 * @param otpauthUri the same as a URI, for a QR code
	 */
	record TotpEnrolmentResponse(String secret, String otpauthUri) {
	}

	/**
	 * @param recoveryCodes single-use codes for when the authenticator is lost; shown
	 * this once
	 */
	record RecoveryCodesResponse(List<String> recoveryCodes) {
	}

	record MembershipResponse(TenantId tenantId, String role, String status, Instant joinedAt) {

		static MembershipResponse of(Membership membership) {
			return new MembershipResponse(membership.tenantId(), membership.role().value(), membership.status().value(),
					membership.createdAt());
		}

	}

	/**
	 * @param platformRoles platform_admin, support, finance
	 */
	record UserResponse(UserId id, String email, String displayName, String status, List<String> platformRoles,
			Instant createdAt, List<MembershipResponse> memberships) {

		static UserResponse of(UserSummary user, List<Membership> memberships) {
			return new UserResponse(user.id(), user.email(), user.displayName(), user.status().value(),
					user.platformRoles().stream().map(role -> role.value()).sorted().toList(), user.createdAt(),
					memberships.stream().map(MembershipResponse::of).toList());
		}

	}

}
