package io.octavia.core.api.clients;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.authserver.MachineClients;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's machine clients (OAuth2 client credentials), authority
 * {@code clients:manage}. A secret is in the response of create and rotate only; the
 * client id of another tenant is {@code machine_client_not_found}.
 */
@RestController
@RequestMapping("/api/v1/machine-clients")
@Tag(name = "Machine clients", description = "OAuth2 clients of the tenant for server-to-server calls")
class MachineClientsController {

	private final MachineClients clients;

	MachineClientsController(MachineClients clients) {
		this.clients = clients;
	}

	/**
	 * @param name shown in lists, 1 to 200 characters
	 * @param scopes permissions of the tenant the client's tokens carry
	 */
	record CreateMachineClientRequest(@Schema(example = "Billing sync") @Nullable String name,
			@Schema(example = "[\"ledger:read\"]") @Nullable Set<String> scopes) {
	}

	record MachineClientResponse(String clientId, String name, Set<String> scopes, java.time.Instant createdAt) {

		static MachineClientResponse of(MachineClients.MachineClient client) {
			return new MachineClientResponse(client.clientId(), client.name(), client.scopes(), client.createdAt());
		}

	}

	/**
	 * @param clientSecret shown this once; store it safely
	 */
	record MachineClientSecretResponse(String clientId, String name, Set<String> scopes, java.time.Instant createdAt,
			String clientSecret) {

		static MachineClientSecretResponse of(MachineClients.IssuedSecret issued) {
			var client = issued.client();
			return new MachineClientSecretResponse(client.clientId(), client.name(), client.scopes(),
					client.createdAt(), issued.clientSecret());
		}

	}

	@RequiresPermission(value = RolePermissions.CLIENTS_MANAGE, caller = Caller.TENANT)
	@PostMapping
	@Operation(summary = "Register a machine client", description = "The secret is shown in this response only.")
	ResponseEntity<MachineClientSecretResponse> create(@RequestBody CreateMachineClientRequest request) {
		TenantId tenant = TenantContext.requireTenant();
		MachineClients.IssuedSecret issued = clients.create(tenant, request.name(), request.scopes());
		return ResponseEntity.created(URI.create("/api/v1/machine-clients/" + issued.client().clientId()))
			.body(MachineClientSecretResponse.of(issued));
	}

	@RequiresPermission(value = RolePermissions.CLIENTS_MANAGE, caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "List the tenant's machine clients", description = "Oldest first; never the secrets.")
	List<MachineClientResponse> list() {
		TenantId tenant = TenantContext.requireTenant();
		return clients.list(tenant).stream().map(MachineClientResponse::of).toList();
	}

	@RequiresPermission(value = RolePermissions.CLIENTS_MANAGE, caller = Caller.TENANT)
	@GetMapping("/{clientId}")
	@Operation(summary = "Show a machine client")
	MachineClientResponse get(@PathVariable String clientId) {
		TenantId tenant = TenantContext.requireTenant();
		return MachineClientResponse.of(clients.find(tenant, clientId));
	}

	@RequiresPermission(value = RolePermissions.CLIENTS_MANAGE, caller = Caller.TENANT)
	@PostMapping("/{clientId}/secret")
	@Operation(summary = "Replace a machine client's secret",
			description = "The old secret stops working within seconds; the new one is shown in this response only.")
	MachineClientSecretResponse rotateSecret(@PathVariable String clientId) {
		TenantId tenant = TenantContext.requireTenant();
		return MachineClientSecretResponse.of(clients.rotateSecret(tenant, clientId));
	}

	@RequiresPermission(value = RolePermissions.CLIENTS_MANAGE, caller = Caller.TENANT)
	@DeleteMapping("/{clientId}")
	@Operation(summary = "Delete a machine client", description = "Its tokens fail introspection from now on.")
	ResponseEntity<Void> delete(@PathVariable String clientId) {
		TenantId tenant = TenantContext.requireTenant();
		clients.delete(tenant, clientId);
		return ResponseEntity.noContent().build();
	}

}
