package io.octavia.core.api;

import io.octavia.core.platform.IdempotencyManagement;
import tools.jackson.module.blackbird.BlackbirdModule;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PermissionInterceptor()).addPathPatterns("/api/**");
	}

	/** Runs after the security chain, which has bound the tenant the key belongs to. */
	/**
	 * Jackson reads records' and beans' properties through generated lambdas instead of
	 * reflective calls (a profile of ledger writes showed the reflective getters as the
	 * answer's biggest single cost). The application's one JSON mapper takes it, so
	 * events too.
	 */
	@Bean
	BlackbirdModule blackbirdModule() {
		return new BlackbirdModule();
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyManagement idempotency, Problems problems) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(idempotency, problems));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

}
