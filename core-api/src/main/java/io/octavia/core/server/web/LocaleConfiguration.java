package io.octavia.core.server.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.platform.web.SupportedLocales;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The reader's language: a choice made in a console ({@code ?lang=fa}) is kept in a
 * cookie; without one, {@code Accept-Language} decides; English when nothing we speak was
 * asked for. Anything unsupported becomes English, so a page never mixes languages.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

	static final String COOKIE = "octavia_locale";

	static final String PARAMETER = "lang";

	@Bean
	LocaleResolver localeResolver() {
		return new SupportedLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName(PARAMETER);
		// a malformed ?lang= is ignored instead of failing the page
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor).addPathPatterns("/admin/**", "/portal/**");
	}

	private static final class SupportedLocaleResolver extends CookieLocaleResolver {

		SupportedLocaleResolver() {
			super(COOKIE);
			setCookieMaxAge(Duration.ofDays(365));
			setCookieHttpOnly(true);
			setDefaultLocaleFunction(
					(request) -> SupportedLocales.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
		}

		@Override
		protected Locale parseLocaleValue(String value) {
			return SupportedLocales.supported(super.parseLocaleValue(value));
		}

		@Override
		public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
				@Nullable LocaleContext context) {
			Locale requested = (context != null) ? context.getLocale() : null;
			LocaleContext supported = (requested != null)
					? new SimpleLocaleContext(SupportedLocales.supported(requested)) : null;
			super.setLocaleContext(request, response, supported);
		}

	}

}
