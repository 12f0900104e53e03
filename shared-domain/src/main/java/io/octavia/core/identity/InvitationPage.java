package io.octavia.core.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * @param nextCursor absent on the last page
 */
public record InvitationPage(List<Invitation> items, @Nullable String nextCursor) {
}
