package io.octavia.core.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Tenants and brands for the gateway's tests, made through the modules' public API, and a
 * raw HTTP/1.1 request for what {@code java.net.http} will not send (a {@code Host}
 * header of our choosing).
 */
final class GatewayFixtures {

	private final TenantManagement tenants;

	private final BrandManagement brands;

	private final TransactionTemplate transactions;

	GatewayFixtures(TenantManagement tenants, BrandManagement brands, TransactionTemplate transactions) {
		this.tenants = tenants;
		this.brands = brands;
		this.transactions = transactions;
	}

	/** An active tenant with its default brand. */
	TenantId activeTenant() {
		TenantId id = tenants.create(new CreateTenant(slug("gw"), "Gateway Tenant", "en", "UTC", "EUR")).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	BrandDetails defaultBrand(TenantId tenant) {
		return asTenant(tenant, () -> brands.defaultBrand(tenant)).orElseThrow();
	}

	BrandDetails brand(TenantId tenant, String... hostnames) {
		return asTenant(tenant,
				() -> brands.create(new CreateBrand(tenant, slug("b"), "Brand", List.of(hostnames), null)));
	}

	<T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> work.get()));
	}

	/** Unique per call, usable as a slug and as a DNS label. */
	static String slug(String prefix) {
		return prefix + "-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

	/** A response as read off the wire: status line, headers (lower-case names), body. */
	record RawResponse(int status, List<String> headerLines, String body) {

		String header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return headerLines.stream()
				.filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map(line -> line.substring(prefix.length()).trim())
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * A GET with the given {@code Host} and further header lines ({@code Name: value}).
	 */
	static RawResponse rawGet(int port, String path, String host, String... headers) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int split = response.indexOf("\r\n\r\n");
			List<String> head = List.of(response.substring(0, split).split("\r\n"));
			RawResponse raw = new RawResponse(Integer.parseInt(head.get(0).split(" ")[1]), head.subList(1, head.size()),
					response.substring(split + 4));
			return "chunked".equalsIgnoreCase(raw.header("Transfer-Encoding"))
					? new RawResponse(raw.status(), raw.headerLines(), dechunked(raw.body())) : raw;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String dechunked(String body) {
		StringBuilder content = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = body.indexOf("\r\n", at);
			int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return content.toString();
			}
			content.append(body, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
