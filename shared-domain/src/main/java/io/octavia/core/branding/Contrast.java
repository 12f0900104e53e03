package io.octavia.core.branding;

/**
 * Readable text on a brand colour, by the WCAG 2 definitions of relative luminance and
 * contrast ratio: of black and white, the one with the higher contrast against the
 * colour.
 */
public final class Contrast {

	public static final String BLACK = "#000000";

	public static final String WHITE = "#ffffff";

	private Contrast() {
	}

	/** {@link #BLACK} or {@link #WHITE}, whichever is easier to read on {@code color}. */
	public static String readableOn(String color) {
		double luminance = luminance(color);
		// ties go to black: on mid-grey both read alike, and black text is the norm
		return (ratio(luminance, 0.0) >= ratio(1.0, luminance)) ? BLACK : WHITE;
	}

	/** The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white). */
	public static double ratio(String first, String second) {
		double a = luminance(first);
		double b = luminance(second);
		return ratio(Math.max(a, b), Math.min(a, b));
	}

	/**
	 * Relative luminance of a {@code #rrggbb} colour: 0 for black, 1 for white.
	 * @throws IllegalArgumentException for anything but {@code #rrggbb}
	 */
	public static double luminance(String color) {
		if (color.length() != 7 || color.charAt(0) != '#') {
			throw new IllegalArgumentException("Not a #rrggbb colour: " + color);
		}
		int rgb = Integer.parseInt(color.substring(1), 16);
		return 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
	}

	private static double ratio(double lighter, double darker) {
		return (lighter + 0.05) / (darker + 0.05);
	}

	// sRGB channel to linear light
	private static double linear(int channel) {
		double c = channel / 255.0;
		return (c <= 0.04045) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

}
