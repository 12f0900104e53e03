package io.octavia.core.ledger.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octavia.core.ledger.BalancePoint;

/**
 * A balance-over-time chart drawn on the server as inline SVG (no script, nothing loaded
 * from elsewhere): the coordinates of a line and the area under it, a zero line, and
 * labelled ticks on both axes. The scale always includes zero. Pixel coordinates are the
 * only thing computed in floating point; the labels come from the exact amounts.
 */
public record BalanceChart(int width, int height, String line, String area, double zeroY, List<Tick> yTicks,
		List<Tick> xTicks, List<Dot> dots) {

	static final int WIDTH = 720;

	static final int HEIGHT = 260;

	static final int LEFT = 96;

	static final int RIGHT = 16;

	static final int TOP = 16;

	static final int BOTTOM = 32;

	static final int Y_TICKS = 4;

	static final int X_TICKS = 4;

	/** A label at a position along an axis. */
	public record Tick(double position, String label) {
	}

	/** A point of the line with its labels, for a tooltip ({@code <title>}). */
	public record Dot(double x, double y, String label) {
	}

	public static BalanceChart of(List<BalancePoint> points, String currency, LedgerFormat format) {
		long min = 0;
		long max = 0;
		for (BalancePoint point : points) {
			min = Math.min(min, point.balance());
			max = Math.max(max, point.balance());
		}
		if (min == max) {
			max = min + 1;
		}
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double range = (double) max - (double) min;
		int count = points.size();
		StringBuilder line = new StringBuilder();
		List<Dot> dots = new ArrayList<>();
		double[] xs = new double[count];
		for (int i = 0; i < count; i++) {
			BalancePoint point = points.get(i);
			xs[i] = LEFT + ((count > 1) ? plotWidth * i / (count - 1) : 0);
			double y = TOP + plotHeight * (max - (double) point.balance()) / range;
			line.append(coordinate(xs[i])).append(',').append(coordinate(y)).append(' ');
			dots.add(new Dot(round(xs[i]), round(y),
					format.date(point.at()) + ": " + format.amount(point.balance(), currency)));
		}
		double zeroY = round(TOP + plotHeight * max / range);
		String area = (count == 0) ? "" : coordinate(xs[0]) + "," + coordinate(zeroY) + " " + line
				+ coordinate(xs[count - 1]) + "," + coordinate(zeroY);
		List<Tick> yTicks = new ArrayList<>();
		long previous = min - 1;
		for (int i = 0; i <= Y_TICKS; i++) {
			long value = min + (long) ((double) (max - min) * i / Y_TICKS);
			if (value == previous) {
				// a narrow range: ticks closer than a minor unit would repeat a label
				continue;
			}
			previous = value;
			yTicks.add(
					new Tick(round(TOP + plotHeight * (max - (double) value) / range), format.amount(value, currency)));
		}
		List<Tick> xTicks = new ArrayList<>();
		if (count > 0) {
			int ticks = Math.min(X_TICKS, count - 1);
			for (int i = 0; i <= ticks; i++) {
				int index = (ticks == 0) ? 0 : (count - 1) * i / ticks;
				xTicks.add(new Tick(round(xs[index]), format.date(points.get(index).at())));
			}
		}
		return new BalanceChart(WIDTH, HEIGHT, line.toString().strip(), area, zeroY, List.copyOf(yTicks),
				List.copyOf(xTicks), List.copyOf(dots));
	}

	public int left() {
		return LEFT;
	}

	public int right() {
		return WIDTH - RIGHT;
	}

	public int top() {
		return TOP;
	}

	public int bottom() {
		return HEIGHT - BOTTOM;
	}

	public String viewBox() {
		return "0 0 " + width + " " + height;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** SVG wants a dot as decimal separator whatever the locale. */
	private static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
