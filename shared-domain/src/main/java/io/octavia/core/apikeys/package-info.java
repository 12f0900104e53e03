/**
 * API keys of tenants (docs/api-keys.md). The public API:
 * <ul>
 * <li>{@link io.octavia.core.apikeys.ApiKeyManagement}: create, list (cursor), get,
 * rotate, revoke a tenant's keys and its "require signatures" policy. Everything acts in
 * the current {@link io.octavia.core.platform.TenantContext}; operators list another
 * tenant's keys and revoke them in an emergency through
 * {@link io.octavia.core.platform.CrossTenantAccess}.</li>
 * <li>{@link io.octavia.core.apikeys.ApiKeyVerification}: what the gateway asks for a
 * presented key (by public key id, through a SECURITY DEFINER lookup) and where it
 * reports last use, written in batches.</li>
 * <li>{@link io.octavia.core.apikeys.ApiKeyFormat}: the key and signing-secret text,
 * checked offline.</li>
 * <li>Events {@link io.octavia.core.apikeys.ApiKeyCreated},
 * {@link io.octavia.core.apikeys.ApiKeyRotated},
 * {@link io.octavia.core.apikeys.ApiKeyRevoked},
 * {@link io.octavia.core.apikeys.ApiKeyPolicyChanged} (topic {@code octavia.apikeys}), on
 * which the gateway empties its caches on every node.</li>
 * </ul>
 */
@ApplicationModule(displayName = "API keys", allowedDependencies = { "platform", "tenancy", "identity", "branding" })
@NullMarked
package io.octavia.core.apikeys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
