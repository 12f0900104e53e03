package io.octavia.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The signature base of RFC 9421 §2.5: one line {@code "<component>": <value>} per
 * covered component in order, then {@code "@signature-params": <inner list><parameters>},
 * joined by LF without a trailing newline.
 */
final class SignatureBase {

	private final List<String> names = new ArrayList<>();

	private final StringBuilder lines = new StringBuilder();

	/**
	 * Adds a covered component: a derived one ({@code @method}) or a lower-case field
	 * name.
	 */
	SignatureBase component(String name, String value) {
		this.names.add(name);
		this.lines.append('"').append(name).append("\": ").append(value).append('\n');
		return this;
	}

	/**
	 * The {@code Signature-Input} member value: the covered components, then the
	 * parameters.
	 */
	String signatureParams(String parameters) {
		StringBuilder params = new StringBuilder("(");
		for (int i = 0; i < this.names.size(); i++) {
			params.append((i > 0) ? " \"" : "\"").append(this.names.get(i)).append('"');
		}
		return params.append(')').append(parameters).toString();
	}

	/** The signature base for the given {@code Signature-Input} member value. */
	String build(String signatureParams) {
		return this.lines + "\"@signature-params\": " + signatureParams;
	}

}
