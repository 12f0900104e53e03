package io.octavia.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTests {

	@Test
	void readsAProblemDocument() {
		Object json = Json.parse("""
				{ "type": "/problems/validation_failed", "status": 400, "ratio": -1.5e2, "big": 123456789012345678901,
				  "ok": true, "none": null, "text": "tab\\t quote\\" \\u00e9 \\ud83d\\ude00 slash\\/",
				  "errors": [ { "field": "name", "message": "must not be blank" } ], "empty": {}, "list": [] }
				""");

		assertThat(json).isInstanceOf(Map.class);
		Map<?, ?> problem = (Map<?, ?>) json;
		assertThat(problem.get("status")).isEqualTo(400L);
		assertThat(problem.get("ratio")).isEqualTo(new BigDecimal("-1.5e2"));
		assertThat(problem.get("big")).isEqualTo(new BigInteger("123456789012345678901"));
		assertThat(problem.get("ok")).isEqualTo(true);
		assertThat(problem.containsKey("none")).isTrue();
		assertThat(problem.get("none")).isNull();
		assertThat(problem.get("text")).isEqualTo("tab\t quote\" é 😀 slash/");
		assertThat(problem.get("errors")).isEqualTo(List.of(Map.of("field", "name", "message", "must not be blank")));
		assertThat(problem.get("empty")).isEqualTo(Map.of());
		assertThat(problem.get("list")).isEqualTo(List.of());
	}

	@Test
	void refusesWhatIsNotJson() {
		for (String wrong : new String[] { "", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "tru", "\"open", "01x", "+1",
				"{a:1}", "\"\\x\"", "1." }) {
			assertThatIllegalArgumentException().as(wrong).isThrownBy(() -> Json.parse(wrong));
		}
	}

	@Test
	void writesWhatItReads() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "Zoë \"Z\"\n\u0001");
		body.put("scopes", List.of("tenant:read", "keys:read"));
		body.put("signing", true);
		body.put("limit", 10);
		body.put("nothing", null);
		body.put("id", UUID.fromString("0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b"));

		String json = Json.write(body);

		assertThat(json).isEqualTo(
				"{\"name\":\"Zoë \\\"Z\\\"\\n\\u0001\",\"scopes\":[\"tenant:read\",\"keys:read\"],\"signing\":true,\"limit\":10,\"nothing\":null,\"id\":\"0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b\"}");
		Map<?, ?> read = (Map<?, ?>) Json.parse(json);
		assertThat(read.get("name")).isEqualTo(body.get("name"));
		assertThat(read.get("scopes")).isEqualTo(body.get("scopes"));
	}

	@Test
	void refusesValuesWithoutAJsonForm() {
		assertThatIllegalArgumentException().isThrownBy(() -> Json.write(Map.of("x", Double.NaN)));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.write(Map.of("x", new Object())));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.write(Arrays.asList(1, new StringBuilder[0])));
	}

}
