package io.octavia.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The little JSON the client needs, so that it brings no JSON library into an application
 * that already has one (Jackson 2 or 3, Gson, …). Reads into {@link Map} (insertion
 * order), {@link List}, {@link String}, {@link Long} or {@link BigInteger} (integers),
 * {@link BigDecimal} (other numbers), {@link Boolean} and null; writes the same types
 * plus {@link UUID}.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * @throws IllegalArgumentException if {@code text} is not one JSON value
	 */
	static @Nullable Object parse(String text) {
		Json parser = new Json(text);
		Object value = parser.value();
		parser.skipWhitespace();
		if (parser.position != text.length()) {
			throw parser.error("unexpected text after the value");
		}
		return value;
	}

	static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private @Nullable Object value() {
		skipWhitespace();
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		char next = this.text.charAt(this.position);
		return switch (next) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, @Nullable Object> object() {
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek('}')) {
			this.position++;
			return Collections.unmodifiableMap(object);
		}
		while (true) {
			skipWhitespace();
			if (!peek('"')) {
				throw error("expected a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			object.put(name, value());
			skipWhitespace();
			if (peek(',')) {
				this.position++;
			}
			else {
				expect('}');
				return Collections.unmodifiableMap(object);
			}
		}
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> array = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek(']')) {
			this.position++;
			return Collections.unmodifiableList(array);
		}
		while (true) {
			array.add(value());
			skipWhitespace();
			if (peek(',')) {
				this.position++;
			}
			else {
				expect(']');
				return Collections.unmodifiableList(array);
			}
		}
	}

	private String string() {
		this.position++;
		StringBuilder out = new StringBuilder();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw error("control character in a string");
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (this.position >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case '"', '\\', '/' -> out.append(escaped);
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("short \\u escape");
					}
					try {
						out.append((char) Integer.parseInt(this.text, this.position, this.position + 4, 16));
					}
					catch (NumberFormatException ex) {
						throw error("bad \\u escape");
					}
					this.position += 4;
				}
				default -> throw error("bad escape \\" + escaped);
			}
		}
		throw error("unterminated string");
	}

	private Object number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.text.substring(start, this.position);
		if (number.isEmpty() || number.startsWith("+") || number.endsWith(".")) {
			throw error("unexpected character");
		}
		try {
			if (number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
				BigInteger integer = new BigInteger(number);
				return (integer.bitLength() < 64) ? (Object) integer.longValue() : integer;
			}
			return new BigDecimal(number);
		}
		catch (NumberFormatException ex) {
			throw error("bad number");
		}
	}

	private @Nullable Object literal(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error("unexpected character");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private boolean peek(char c) {
		return this.position < this.text.length() && this.text.charAt(this.position) == c;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw error("expected '" + c + "'");
		}
		this.position++;
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("invalid JSON at position " + this.position + ": " + problem);
	}

	private static void write(@Nullable Object value, StringBuilder out) {
		switch (value) {
			case null -> out.append("null");
			case CharSequence string -> writeString(string, out);
			case UUID uuid -> writeString(uuid.toString(), out);
			case Boolean bool -> out.append(bool);
			case Double number when number.isNaN() || number.isInfinite() ->
				throw new IllegalArgumentException("JSON has no " + number);
			case Float number when number.isNaN() || number.isInfinite() ->
				throw new IllegalArgumentException("JSON has no " + number);
			case Number number -> out.append(number);
			case Map<?, ?> map -> {
				out.append('{');
				boolean first = true;
				for (Map.Entry<?, ?> member : map.entrySet()) {
					if (!first) {
						out.append(',');
					}
					first = false;
					writeString(String.valueOf(member.getKey()), out);
					out.append(':');
					write(member.getValue(), out);
				}
				out.append('}');
			}
			case Iterable<?> items -> {
				out.append('[');
				boolean first = true;
				for (Object item : items) {
					if (!first) {
						out.append(',');
					}
					first = false;
					write(item, out);
				}
				out.append(']');
			}
			default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName()
					+ " as JSON: pass maps, lists, strings, numbers and booleans, or JSON text");
		}
	}

	private static void writeString(CharSequence string, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
