/**
 * The identity API: a tenant's users and invitations, the caller's own account and second
 * factor, and operators' search over every tenant's users.
 */
@NullMarked
package io.octavia.core.api.identity;

import org.jspecify.annotations.NullMarked;
