package io.octavia.core.branding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ContrastTests {

	@ParameterizedTest
	@CsvSource({ "#000000, #ffffff", "#ffffff, #000000", "#4f46e5, #ffffff", "#ffd700, #000000", "#0ea5e9, #000000",
			"#767676, #000000", "#757575, #ffffff", "#ff0000, #000000", "#0000ff, #ffffff" })
	void picksTheTextColourWithTheHigherContrast(String background, String text) {
		assertThat(Contrast.readableOn(background)).isEqualTo(text);
	}

	@Test
	void computesWcagLuminanceAndRatios() {
		assertThat(Contrast.luminance("#000000")).isZero();
		assertThat(Contrast.luminance("#ffffff")).isEqualTo(1.0, within(1e-9));
		assertThat(Contrast.ratio("#000000", "#ffffff")).isEqualTo(21.0, within(1e-9));
		assertThat(Contrast.ratio("#ffffff", "#ffffff")).isEqualTo(1.0, within(1e-9));
		// the WCAG example: #767676 on white is just above 4.5:1
		assertThat(Contrast.ratio("#767676", "#ffffff")).isEqualTo(4.54, within(0.01));
	}

	@Test
	void refusesAnythingButRrggbb() {
		assertThatThrownBy(() -> Contrast.luminance("red")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Contrast.luminance("#fff")).isInstanceOf(IllegalArgumentException.class);
	}

}
