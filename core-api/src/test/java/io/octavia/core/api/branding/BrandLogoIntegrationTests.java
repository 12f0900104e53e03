package io.octavia.core.api.branding;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.ALL_OPERATOR;
import static io.octavia.core.api.ApiTestSupport.ALL_TENANT;
import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.api.ApiTestSupport.operator;
import static io.octavia.core.api.ApiTestSupport.tenantCaller;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logos over HTTP: upload through the API (type from the bytes, SVG sanitised or refused,
 * 1 MiB at most), download through the API and the public asset route with caching
 * headers, and the refusals — oversized, not an image, unsafe SVG, another tenant's
 * brand.
 */
@OctaviaIntegrationTest
class BrandLogoIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	ApiTestSupport api;

	TenantId tenant;

	String caller;

	String brand;

	@BeforeEach
	void setUp() {
		api = new ApiTestSupport(port, tenants);
		tenant = api.activeTenant("Logo Owner");
		caller = tenantCaller(tenant, ALL_TENANT);
		brand = json(api.get("/api/v1/brands", caller)).get(0).get("id").asString();
	}

	@Test
	void aPngIsStoredAndServedWithCachingHeaders() throws Exception {
		byte[] png = png();
		// the client's content type does not matter: the bytes say what it is
		HttpResponse<String> uploaded = api.put("/api/v1/brands/" + brand + "/logo", caller, "application/octet-stream",
				png);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		JsonNode logo = json(uploaded).get("logo");
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
		assertThat(logo.get("contentType").asString()).isEqualTo("image/png");
		assertThat(logo.get("sha256").asString()).isEqualTo(sha256);
		assertThat(logo.get("size").asInt()).isEqualTo(png.length);
		assertThat(logo.get("url").asString()).isEqualTo("/brand-assets/" + brand + "/logo");

		HttpResponse<byte[]> own = bytes(
				api.http().request("/api/v1/brands/" + brand + "/logo").header(ApiTestSupport.CREDENTIAL, caller));
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).isEqualTo(png);
		assertThat(own.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");

		HttpResponse<byte[]> asset = bytes(api.http().request("/brand-assets/" + brand + "/logo"));
		assertThat(asset.statusCode()).isEqualTo(200);
		assertThat(asset.body()).isEqualTo(png);
		assertThat(asset.headers().firstValue("Content-Type")).contains("image/png");
		assertThat(asset.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");
		assertThat(asset.headers().firstValue("Cache-Control")).contains("max-age=86400, public");
		assertThat(asset.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

		HttpResponse<byte[]> revalidated = bytes(
				api.http().request("/brand-assets/" + brand + "/logo").header("If-None-Match", "\"" + sha256 + "\""));
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(bytes(api.http().request("/brand-assets/" + brand + "/logo").header("If-None-Match", "\"stale\""))
			.statusCode()).isEqualTo(200);

		JsonNode configuration = json(api.get("/api/v1/brands/" + brand + "/configuration", caller));
		assertThat(configuration.get("logoUrl").asString())
			.isEqualTo("/brand-assets/" + brand + "/logo?v=" + sha256.substring(0, 16));
	}

	@Test
	void anSvgIsSanitisedAndServedUnderAStrictPolicy() {
		String svg = """
				<?xml version="1.0" encoding="UTF-8"?>
				<!-- made with an editor -->
				<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
				     viewBox="0 0 10 10" inkscape:version="1.3" data-extra="x">
				  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
				  <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>
				  <rect width="10" height="10" fill="url(#g)" inkscape:label="box"/>
				</svg>""";
		HttpResponse<String> uploaded = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png",
				svg.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(json(uploaded).get("logo").get("contentType").asString()).isEqualTo("image/svg+xml");

		HttpResponse<String> asset = api.get("/brand-assets/" + brand + "/logo", null);
		assertThat(asset.statusCode()).isEqualTo(200);
		assertThat(asset.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(asset.headers().firstValue("Content-Security-Policy"))
			.contains("default-src 'none'; style-src 'unsafe-inline'");
		assertThat(asset.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(asset.body()).contains("<rect", "fill=\"url(#g)\"", "linearGradient")
			.doesNotContain("metadata", "inkscape", "data-extra", "<!--");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\">"
					+ "<iframe src=\"https://evil.example\"/></body></foreignObject></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
					+ "<image xlink:href=\"https://tracker.example/pixel.png\"/></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><rect/></a></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://evil.example/x.css);</style></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://evil.example/p)\"/></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
			"<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">"
					+ "<text>&x;</text></svg>" })
	void anSvgWithActiveContentIsRefused(String svg) {
		HttpResponse<String> refused = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/svg+xml",
				svg.getBytes(StandardCharsets.UTF_8));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(json(refused).get("code").asString()).isEqualTo("brand_logo_unsafe");
		assertThat(api.get("/brand-assets/" + brand + "/logo", null).statusCode()).as("nothing stored").isEqualTo(404);
	}

	@Test
	void aTextFileNamedPngIsNoImage() {
		HttpResponse<String> refused = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png",
				"just some text, saved as logo.png\n".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json(refused).get("code").asString()).isEqualTo("brand_logo_unsupported");
		HttpResponse<String> html = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/svg+xml",
				"<html><body><svg></svg></body></html>".getBytes(StandardCharsets.UTF_8));
		assertThat(json(html).get("code").asString()).isEqualTo("brand_logo_unsupported");
		HttpResponse<String> empty = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png", new byte[0]);
		assertThat(json(empty).get("code").asString()).isEqualTo("brand_logo_unsupported");
	}

	@Test
	void aLogoOverOneMebibyteIsRefused() {
		byte[] png = png();
		byte[] oversized = new byte[1024 * 1024 + 1];
		System.arraycopy(png, 0, oversized, 0, png.length);
		HttpResponse<String> refused = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png", oversized);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json(refused).get("code").asString()).isEqualTo("brand_logo_too_large");

		byte[] exactly = new byte[1024 * 1024];
		System.arraycopy(png, 0, exactly, 0, png.length);
		assertThat(api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png", exactly).statusCode())
			.as("the limit itself is fine")
			.isEqualTo(200);
	}

	@Test
	void aWebpIsRecognisedByItsSignature() {
		byte[] webp = "RIFF\0\0\0\0WEBPVP8L\0\0\0\0/\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
		HttpResponse<String> uploaded = api.put("/api/v1/brands/" + brand + "/logo", caller, "image/png", webp);
		assertThat(json(uploaded).get("logo").get("contentType").asString()).isEqualTo("image/webp");
	}

	@Test
	void logosOfOtherTenantsAndMissingLogosLookAlike() {
		TenantId other = api.activeTenant("Logo Neighbour");
		String otherBrand = json(api.get("/api/v1/brands", tenantCaller(other, ALL_TENANT))).get(0)
			.get("id")
			.asString();
		assertThat(api.put("/api/v1/brands/" + otherBrand + "/logo", caller, "image/png", png()).statusCode())
			.isEqualTo(404);
		api.put("/api/v1/brands/" + otherBrand + "/logo", tenantCaller(other, ALL_TENANT), "image/png", png());
		assertThat(api.get("/api/v1/brands/" + otherBrand + "/logo", caller).statusCode()).isEqualTo(404);

		HttpResponse<String> none = api.get("/brand-assets/" + brand + "/logo", null);
		HttpResponse<String> nobody = api.get("/brand-assets/" + Ids.newId() + "/logo", null);
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(nobody.statusCode()).isEqualTo(404);
		assertThat(json(none).get("code").asString()).isEqualTo(json(nobody).get("code").asString())
			.isEqualTo("brand_logo_not_found");

		String operator = operator(ALL_OPERATOR);
		assertThat(
				api.put("/api/v1/tenants/" + tenant + "/brands/" + otherBrand + "/logo", operator, "image/png", png())
					.statusCode())
			.isEqualTo(404);
		assertThat(api.put("/api/v1/tenants/" + tenant + "/brands/" + brand + "/logo", operator, "image/png", png())
			.statusCode()).isEqualTo(200);
		assertThat(bytes(api.http()
			.request("/api/v1/tenants/" + tenant + "/brands/" + brand + "/logo")
			.header(ApiTestSupport.CREDENTIAL, operator)).body()).isEqualTo(png());
	}

	/** A real 4×4 PNG. */
	static byte[] png() {
		BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x4f46e5));
		graphics.fillRect(0, 0, 4, 4);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
