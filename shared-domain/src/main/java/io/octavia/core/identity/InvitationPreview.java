package io.octavia.core.identity;

/**
 * What the invitation page shows before the invitee accepts.
 *
 * @param accountExists the address has an account already: accepting asks for its
 * password instead of creating one
 */
public record InvitationPreview(Invitation invitation, boolean accountExists) {
}
