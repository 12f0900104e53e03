package io.octavia.core.branding.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.nodes.XmlDeclaration;
import org.jsoup.parser.Parser;

import io.octavia.core.branding.BrandLogo;
import io.octavia.core.platform.DomainProblem;

/**
 * Decides what an uploaded logo is from its bytes — PNG and WebP by their signatures, SVG
 * by parsing it — never from the name or content type the uploader claimed, and makes an
 * SVG safe to serve.
 * <p>
 * SVG policy: active content is refused as a whole ({@code brand_logo_unsafe}), so the
 * uploader learns that the file is not what they think: scripts, {@code foreignObject},
 * embedded documents, animation (which can rewrite links), event handler attributes,
 * references to anything outside the file ({@code href} other than {@code #fragment} or
 * an embedded PNG/JPEG/GIF/WebP, {@code url()} other than {@code url(#…)},
 * {@code @import}, style sheets by processing instruction), entity declarations and CSS
 * escapes (which could hide all of these). Harmless extras that editors add (metadata,
 * editor-namespaced elements and attributes, comments, unknown attributes) are dropped:
 * the stored file is the SVG re-serialized from an allowlist of elements and attributes.
 */
public final class Logos {

	/**
	 * A logo ready to store: what it is, its bytes (sanitised for SVG) and their digest.
	 */
	public record Inspected(String contentType, byte[] bytes, String sha256) {
	}

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

	private static final String XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

	private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "foreignobject", "iframe", "frame", "frameset",
			"embed", "object", "applet", "handler", "listener", "animate", "set", "animatemotion", "animatetransform",
			"animatecolor", "link", "meta", "base", "html", "body");

	private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "title", "desc", "symbol", "use", "switch",
			"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
			"linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "style", "image", "a",
			"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feFuncR", "feFuncG", "feFuncB", "feFuncA",
			"feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
			"feDropShadow", "feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
			"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence");

	private static final Set<String> ATTRIBUTES = Set.of("xmlns", "xmlns:xlink", "version", "xml:space", "id", "class",
			"style", "lang", "transform", "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "y1",
			"x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "fill",
			"fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
			"stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
			"display", "visibility", "overflow", "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits",
			"maskContentUnits", "filter", "filterUnits", "primitiveUnits", "gradientUnits", "gradientTransform",
			"spreadMethod", "offset", "stop-color", "stop-opacity", "patternUnits", "patternContentUnits",
			"patternTransform", "marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight",
			"markerUnits", "refX", "refY", "orient", "font-family", "font-size", "font-weight", "font-style",
			"font-variant", "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
			"letter-spacing", "word-spacing", "text-decoration", "writing-mode", "dx", "dy", "rotate", "textLength",
			"lengthAdjust", "startOffset", "method", "spacing", "side", "href", "xlink:href", "xlink:title", "in",
			"in2", "result", "stdDeviation", "mode", "type", "values", "tableValues", "slope", "intercept", "amplitude",
			"exponent", "operator", "k1", "k2", "k3", "k4", "order", "kernelMatrix", "divisor", "bias", "targetX",
			"targetY", "edgeMode", "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant",
			"specularExponent", "kernelUnitLength", "scale", "xChannelSelector", "yChannelSelector", "azimuth",
			"elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "baseFrequency", "numOctaves",
			"seed", "stitchTiles", "radius", "flood-color", "flood-opacity", "lighting-color", "color-interpolation",
			"color-interpolation-filters", "mix-blend-mode", "isolation", "shape-rendering", "image-rendering",
			"text-rendering", "vector-effect", "paint-order", "role", "aria-label", "aria-hidden", "aria-labelledby",
			"aria-describedby");

	private static final Pattern URL_REFERENCE = Pattern.compile("url\\(\\s*['\"]?\\s*([^'\")\\s]*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern EMBEDDED_IMAGE = Pattern
		.compile("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\\s]+");

	private Logos() {
	}

	/**
	 * @throws DomainProblem {@code brand_logo_too_large}, {@code brand_logo_unsupported}
	 * (not a PNG, WebP or SVG) or {@code brand_logo_unsafe} (an SVG with active content)
	 */
	public static Inspected inspect(byte[] bytes) {
		if (bytes.length > BrandLogo.MAX_BYTES) {
			throw tooLarge();
		}
		if (isPng(bytes)) {
			return inspected(BrandLogo.PNG, bytes);
		}
		if (isWebp(bytes)) {
			return inspected(BrandLogo.WEBP, bytes);
		}
		String text = utf8(bytes);
		if (text == null || !looksLikeSvg(text)) {
			throw unsupported();
		}
		byte[] sanitized = sanitizeSvg(text).getBytes(StandardCharsets.UTF_8);
		if (sanitized.length > BrandLogo.MAX_BYTES) {
			throw tooLarge();
		}
		return inspected(BrandLogo.SVG, sanitized);
	}

	private static boolean isPng(byte[] bytes) {
		return bytes.length > 16 && startsWith(bytes, 0, PNG_SIGNATURE) && startsWith(bytes, 12, ascii("IHDR"));
	}

	// RIFF container, WEBP form, then one of the three kinds of first chunk
	private static boolean isWebp(byte[] bytes) {
		return bytes.length > 16 && startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))
				&& (startsWith(bytes, 12, ascii("VP8 ")) || startsWith(bytes, 12, ascii("VP8L"))
						|| startsWith(bytes, 12, ascii("VP8X")));
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		if (bytes.length < offset + prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The text, or null when the bytes are not UTF-8 (a binary of some other kind). */
	private static String utf8(byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean looksLikeSvg(String text) {
		String start = text.stripLeading();
		return start.startsWith("<") && text.contains("<svg") && text.indexOf('\0') < 0;
	}

	private static String sanitizeSvg(String text) {
		if (text.toLowerCase(Locale.ROOT).contains("<!entity")) {
			throw unsafe();
		}
		Document document = Jsoup.parse(text, "", Parser.xmlParser());
		List<Element> roots = document.children();
		if (roots.size() != 1 || !localName(roots.get(0)).equals("svg")) {
			throw unsupported();
		}
		for (Node node : document.childNodes()) {
			if (node instanceof XmlDeclaration declaration && declaration.name().equalsIgnoreCase("xml-stylesheet")) {
				throw unsafe();
			}
		}
		Element root = roots.get(0);
		for (Element element : root.getAllElements()) {
			refuseActiveContent(element);
		}
		keepAllowed(root);
		root.attr("xmlns", SVG_NAMESPACE);
		if (root.getAllElements().stream().anyMatch(element -> element.hasAttr("xlink:href"))) {
			root.attr("xmlns:xlink", XLINK_NAMESPACE);
		}
		document.outputSettings()
			.syntax(Document.OutputSettings.Syntax.xml)
			.escapeMode(Entities.EscapeMode.xhtml)
			.charset(StandardCharsets.UTF_8)
			.prettyPrint(false);
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.outerHtml();
	}

	private static void refuseActiveContent(Element element) {
		if (ACTIVE_ELEMENTS.contains(localName(element))) {
			throw unsafe();
		}
		for (Attribute attribute : element.attributes()) {
			String key = attribute.getKey().toLowerCase(Locale.ROOT);
			String value = attribute.getValue();
			String compact = value.replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
			if (localName(key).startsWith("on") || value.indexOf('\\') >= 0 || compact.contains("javascript:")
					|| compact.contains("vbscript:") || compact.contains("data:text")) {
				throw unsafe();
			}
			if (localName(key).equals("href") && !value.strip().startsWith("#")
					&& !(localName(element).equals("image") && EMBEDDED_IMAGE.matcher(value.strip()).matches())) {
				throw unsafe();
			}
			refuseExternalCss(value);
		}
		if (localName(element).equals("style")) {
			StringBuilder css = new StringBuilder();
			for (Node child : element.childNodes()) {
				if (child instanceof TextNode textNode) {
					css.append(textNode.getWholeText());
				}
				else if (child instanceof DataNode data) {
					css.append(data.getWholeData());
				}
			}
			if (css.indexOf("\\") >= 0) {
				throw unsafe();
			}
			refuseExternalCss(css.toString());
		}
	}

	private static void refuseExternalCss(String css) {
		String lower = css.toLowerCase(Locale.ROOT);
		if (lower.contains("@import") || lower.contains("expression(") || lower.contains("-moz-binding")
				|| lower.contains("behavior:")) {
			throw unsafe();
		}
		Matcher reference = URL_REFERENCE.matcher(css);
		while (reference.find()) {
			if (!reference.group(1).startsWith("#")) {
				throw unsafe();
			}
		}
	}

	/** Drops whatever is not on the allowlists, with its content. */
	private static void keepAllowed(Element element) {
		element.attributes().asList().forEach(attribute -> {
			if (!ATTRIBUTES.contains(attribute.getKey())) {
				element.removeAttr(attribute.getKey());
			}
		});
		for (Node child : List.copyOf(element.childNodes())) {
			if (child instanceof Element childElement) {
				if (ELEMENTS.contains(childElement.tagName())) {
					keepAllowed(childElement);
				}
				else {
					childElement.remove();
				}
			}
			else if (!(child instanceof TextNode) && !(child instanceof DataNode)) {
				child.remove();
			}
		}
	}

	private static String localName(Element element) {
		return localName(element.tagName().toLowerCase(Locale.ROOT));
	}

	private static String localName(String qualified) {
		int colon = qualified.indexOf(':');
		return (colon >= 0) ? qualified.substring(colon + 1) : qualified;
	}

	private static Inspected inspected(String contentType, byte[] bytes) {
		try {
			return new Inspected(contentType, bytes,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DomainProblem tooLarge() {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "brand_logo_too_large", BrandLogo.MAX_BYTES);
	}

	private static DomainProblem unsupported() {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "brand_logo_unsupported");
	}

	private static DomainProblem unsafe() {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "brand_logo_unsafe");
	}

}
