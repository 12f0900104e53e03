package io.octavia.core.branding.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.octavia.core.branding.BrandLogo;
import io.octavia.core.platform.DomainProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a logo is, decided from its bytes, and what of an SVG survives. */
class LogosTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1 };

	@Test
	void recognisesPngAndWebpByTheirSignatures() {
		assertThat(Logos.inspect(PNG).contentType()).isEqualTo(BrandLogo.PNG);
		assertThat(Logos.inspect(PNG).bytes()).isEqualTo(PNG);
		assertThat(Logos.inspect(PNG).sha256()).hasSize(64).matches("[0-9a-f]+");
		byte[] webp = "RIFF\0\0\0\0WEBPVP8X\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(Logos.inspect(webp).contentType()).isEqualTo(BrandLogo.WEBP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain text", "GIF89a....", "{\"json\":true}", "<html><svg/></html>",
			"<?xml version=\"1.0\"?><note>svg</note>", "RIFF\0\0\0\0WAVEfmt " })
	void refusesWhatIsNoPngWebpOrSvg(String content) {
		assertThat(problem(content.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("brand_logo_unsupported");
	}

	@Test
	void refusesBinaryThatIsNoImage() {
		assertThat(problem(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10 }))
			.isEqualTo("brand_logo_unsupported");
	}

	@Test
	void refusesMoreThanOneMebibyte() {
		byte[] large = new byte[BrandLogo.MAX_BYTES + 1];
		System.arraycopy(PNG, 0, large, 0, PNG.length);
		assertThat(problem(large)).isEqualTo("brand_logo_too_large");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<svg><script>alert(1)</script></svg>", "<svg><SCRIPT>x</SCRIPT></svg>",
			"<svg><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script></svg>", "<svg onload=\"x()\"/>",
			"<svg><rect onMouseOver=\"x()\"/></svg>", "<svg><foreignObject><div/></foreignObject></svg>",
			"<svg><use href=\"other.svg#icon\"/></svg>",
			"<svg><use xlink:href=\"https://evil.example/a.svg#i\"/></svg>",
			"<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
			"<svg><a href=\"jav&#x09;ascript:alert(1)\"><rect/></a></svg>",
			"<svg><rect fill=\"url(https://evil.example/p)\"/></svg>",
			"<svg><style>rect { fill: url( 'http://evil.example/p' ) }</style></svg>",
			"<svg><style>@import 'https://evil.example/x.css';</style></svg>",
			"<svg><style>rect { background: u\\72l(http://evil.example) }</style></svg>",
			"<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></svg>",
			"<?xml-stylesheet href=\"https://evil.example/x.css\"?><svg/>",
			"<!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg><text>&a;</text></svg>",
			"<svg><iframe src=\"https://evil.example\"/></svg>", "<svg><metadata><script>x</script></metadata></svg>" })
	void refusesSvgWithActiveContentOrExternalReferences(String svg) {
		assertThat(problem(svg.getBytes(StandardCharsets.UTF_8))).as(svg).isEqualTo("brand_logo_unsafe");
	}

	@Test
	void keepsTheDrawingAndDropsEditorExtras() {
		String svg = """
				\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="no"?>
				<!-- Generator: an editor -->
				<svg width="24" height="24" viewBox="0 0 24 24" version="1.1" id="svg1"
				   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
				   xmlns:xlink="http://www.w3.org/1999/xlink" sodipodi:docname="logo.svg">
				  <sodipodi:namedview id="nv" pagecolor="#ffffff"/>
				  <title>Acme</title>
				  <style>.a { fill: #4f46e5 } .b > .c { stroke: url(#grad) }</style>
				  <defs><radialGradient id="grad"><stop offset="1" stop-color="#fff"/></radialGradient></defs>
				  <g class="a" transform="translate(1 1)" data-layer="1">
				    <path d="M0 0h10v10H0z" fill="url(#grad)"/>
				    <use xlink:href="#p"/>
				    <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
				  </g>
				</svg>
				""";
		Logos.Inspected inspected = Logos.inspect(svg.getBytes(StandardCharsets.UTF_8));
		String sanitized = new String(inspected.bytes(), StandardCharsets.UTF_8);
		assertThat(inspected.contentType()).isEqualTo(BrandLogo.SVG);
		assertThat(sanitized).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
			.contains("xmlns=\"http://www.w3.org/2000/svg\"", "xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
					"viewBox=\"0 0 24 24\"", "<title>Acme</title>", "radialGradient", "fill=\"url(#grad)\"",
					"xlink:href=\"#p\"", "data:image/png;base64", "translate(1 1)", ".b &gt; .c")
			.doesNotContain("sodipodi", "namedview", "Generator", "data-layer");
		assertThat(Logos.inspect(inspected.bytes()).bytes()).as("sanitising is stable").isEqualTo(inspected.bytes());
	}

	private static String problem(byte[] bytes) {
		DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> Logos.inspect(bytes));
		assertThat(problem).isNotNull();
		return problem.code();
	}

}
