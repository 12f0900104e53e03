package io.octavia.core.server;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A node without the {@link Role#API} role answers no API route, one without
 * {@link Role#CONSOLE} no console route, so a load balancer can send each kind of traffic
 * to its own deployment of the same jar.
 */
class RoleRoutingFilter extends OncePerRequestFilter {

	private final Set<Role> roles;

	RoleRoutingFilter(Set<Role> roles) {
		this.roles = roles;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		boolean api = path.startsWith("/api/");
		boolean console = path.startsWith("/admin") || path.startsWith("/portal");
		if ((api && !roles.contains(Role.API)) || (console && !roles.contains(Role.CONSOLE))) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		chain.doFilter(request, response);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<RoleRoutingFilter> roleRoutingFilter(Environment environment) {
			FilterRegistrationBean<RoleRoutingFilter> registration = new FilterRegistrationBean<>(
					new RoleRoutingFilter(Roles.from(environment)));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
