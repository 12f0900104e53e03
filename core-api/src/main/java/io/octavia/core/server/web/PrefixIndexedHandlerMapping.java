package io.octavia.core.server.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestMappingHandlerMapping;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC finds the handler of a path with a variable ({@code /api/v1/ledgers/{id}})
 * by matching the request against every one of the application's ~300 mappings, which was
 * 18 % of the CPU of a ledger write (BENCHMARKS.md). This mapping first narrows the
 * candidates to those whose patterns start with the same literal segments as the path,
 * then matches and ranks them exactly as Spring does. Whenever the narrowed set decides
 * nothing — no candidate matches (404, 405, 415 … answers), a tie, a CORS pre-flight —
 * Spring's own lookup over all mappings runs instead, so its answers are unchanged. It
 * extends htmx-spring-boot's mapping (its {@code @HxRequest} conditions) and takes over
 * htmx's {@link WebMvcRegistrations}, handing the rest of them to it.
 */
@Configuration(proxyBeanMethods = false)
class PrefixIndexedHandlerMapping {

	/** Literal leading segments a pattern is indexed by. */
	static final int DEPTH = 3;

	@Bean
	@Primary
	WebMvcRegistrations prefixIndexedRequestMappings(HtmxMvcAutoConfiguration htmx) {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new Mapping();
			}

			@Override
			public @Nullable RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
				return htmx.getRequestMappingHandlerAdapter();
			}

			@Override
			public @Nullable ExceptionHandlerExceptionResolver getExceptionHandlerExceptionResolver() {
				return htmx.getExceptionHandlerExceptionResolver();
			}
		};
	}

	static final class Mapping extends HtmxRequestMappingHandlerMapping {

		/**
		 * Literal prefix ("", "/api", "/api/v1", …) → mappings whose patterns start so.
		 */
		private volatile Map<String, List<RequestMappingInfo>> byPrefix = Map.of();

		private volatile Map<RequestMappingInfo, HandlerMethod> handlers = Map.of();

		@Override
		protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
			super.handlerMethodsInitialized(handlerMethods);
			Map<String, Set<RequestMappingInfo>> index = new HashMap<>();
			handlerMethods.keySet().forEach(info -> {
				Set<String> patterns = info.getPatternValues();
				if (patterns.isEmpty()) {
					index.computeIfAbsent("", key -> new LinkedHashSet<>()).add(info);
				}
				patterns.forEach(pattern -> index.computeIfAbsent(literalPrefix(pattern), key -> new LinkedHashSet<>())
					.add(info));
			});
			Map<String, List<RequestMappingInfo>> lists = new HashMap<>();
			index.forEach((prefix, infos) -> lists.put(prefix, List.copyOf(infos)));
			this.byPrefix = Map.copyOf(lists);
			this.handlers = Map.copyOf(handlerMethods);
		}

		/** The pattern's leading literal segments, at most {@value #DEPTH}. */
		static String literalPrefix(String pattern) {
			StringBuilder prefix = new StringBuilder();
			int depth = 0;
			for (String segment : pattern.split("/")) {
				if (segment.isEmpty()) {
					continue;
				}
				if (depth == DEPTH || segment.contains("{") || segment.contains("*") || segment.contains("?")) {
					break;
				}
				prefix.append('/').append(segment);
				depth++;
			}
			return prefix.toString();
		}

		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			if (CorsUtils.isPreFlightRequest(request) || handlers.isEmpty()) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			List<Candidate> matches = new ArrayList<>();
			for (String prefix : prefixesOf(lookupPath)) {
				for (RequestMappingInfo info : byPrefix.getOrDefault(prefix, List.of())) {
					RequestMappingInfo matching = getMatchingMapping(info, request);
					HandlerMethod handler = handlers.get(info);
					if (matching != null && handler != null) {
						matches.add(new Candidate(matching, handler));
					}
				}
			}
			if (matches.isEmpty()) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			Comparator<RequestMappingInfo> order = getMappingComparator(request);
			matches.sort((a, b) -> order.compare(a.mapping(), b.mapping()));
			Candidate best = matches.get(0);
			if (matches.size() > 1 && order.compare(best.mapping(), matches.get(1).mapping()) == 0) {
				// ambiguous: Spring reports it
				return super.lookupHandlerMethod(lookupPath, request);
			}
			request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
			handleMatch(best.mapping(), lookupPath, request);
			return best.handler();
		}

		/** "", and the path's first one to {@value #DEPTH} segments. */
		static List<String> prefixesOf(String path) {
			List<String> prefixes = new ArrayList<>(DEPTH + 1);
			prefixes.add("");
			StringBuilder prefix = new StringBuilder();
			for (String segment : path.split("/")) {
				if (segment.isEmpty()) {
					continue;
				}
				if (prefixes.size() > DEPTH) {
					break;
				}
				prefix.append('/').append(segment);
				prefixes.add(prefix.toString());
			}
			return prefixes;
		}

		private record Candidate(RequestMappingInfo mapping, HandlerMethod handler) {
		}

	}

}
