package io.octavia.core.identity.web;

import org.jspecify.annotations.Nullable;

/** A password change as the browser sends it; neither value is ever shown again. */
public record PasswordForm(@Nullable String currentPassword, @Nullable String newPassword) {

}
