package io.octavia.core.apikeys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 range in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32});
 * a bare address is a range of one. Only literal addresses are parsed, never resolved.
 */
public record IpRange(byte[] network, int prefixLength, String text) {

	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	/** The range, or empty when the text is not a CIDR range or address. */
	public static Optional<IpRange> parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		byte[] bytes = literal(address);
		if (bytes == null) {
			return Optional.empty();
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = trimmed.substring(slash + 1);
			if (!length.matches("[0-9]{1,3}")) {
				return Optional.empty();
			}
			prefix = Integer.parseInt(length);
			if (prefix > bits) {
				return Optional.empty();
			}
		}
		return Optional.of(new IpRange(masked(bytes, prefix), prefix, trimmed));
	}

	/** Whether the literal address lies in this range (never for another family). */
	public boolean contains(String address) {
		byte[] bytes = literal(address);
		return bytes != null && bytes.length == network.length
				&& java.util.Arrays.equals(masked(bytes, prefixLength), network);
	}

	private static byte[] masked(byte[] address, int prefix) {
		byte[] result = address.clone();
		for (int i = 0; i < result.length; i++) {
			int keep = Math.max(0, Math.min(8, prefix - i * 8));
			result[i] = (byte) (result[i] & (0xFF << (8 - keep)));
		}
		return result;
	}

	private static byte @Nullable [] literal(String address) {
		if (!LITERAL.matcher(address).matches() || (address.indexOf(':') < 0 && address.split("\\.").length != 4)) {
			return null;
		}
		try {
			// a literal: InetAddress parses it without a name lookup
			return InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
