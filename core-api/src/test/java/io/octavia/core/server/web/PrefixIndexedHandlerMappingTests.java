package io.octavia.core.server.web;

import org.junit.jupiter.api.Test;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestMappingHandlerMapping;
import io.octavia.core.OctaviaIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application resolves handlers through the prefix index, with htmx's request
 * conditions kept; the whole suite's requests are its behavioural test.
 */
@OctaviaIntegrationTest
class PrefixIndexedHandlerMappingTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theApplicationsMappingIsTheIndexedHtmxOne() {
		assertThat(mapping).isInstanceOf(PrefixIndexedHandlerMapping.Mapping.class)
			.isInstanceOf(HtmxRequestMappingHandlerMapping.class);
	}

	@Test
	void patternsAreIndexedByTheirLeadingLiteralSegments() {
		assertThat(PrefixIndexedHandlerMapping.Mapping.literalPrefix("/api/v1/ledgers/{ledgerId}/entries"))
			.isEqualTo("/api/v1/ledgers");
		assertThat(PrefixIndexedHandlerMapping.Mapping.literalPrefix("/api/v1/{x}")).isEqualTo("/api/v1");
		assertThat(PrefixIndexedHandlerMapping.Mapping.literalPrefix("/portal/**")).isEqualTo("/portal");
		assertThat(PrefixIndexedHandlerMapping.Mapping.literalPrefix("/files/{name}.png")).isEqualTo("/files");
		assertThat(PrefixIndexedHandlerMapping.Mapping.literalPrefix("/")).isEmpty();
		assertThat(PrefixIndexedHandlerMapping.Mapping.prefixesOf("/api/v1/ledgers/0194/entries")).containsExactly("",
				"/api", "/api/v1", "/api/v1/ledgers");
		assertThat(PrefixIndexedHandlerMapping.Mapping.prefixesOf("/admin")).containsExactly("", "/admin");
	}

}
