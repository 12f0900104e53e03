package io.octavia.core.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.PublicEndpoint;
import io.octavia.core.platform.web.RequiresPermission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresPermission} on every API handler before its arguments are
 * bound. A handler that declares nothing is refused: forgetting the declaration must fail
 * closed, not open.
 */
class PermissionInterceptor implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		if (declared(method, PublicEndpoint.class) != null) {
			return true;
		}
		RequiresPermission required = declared(method, RequiresPermission.class);
		if (required == null) {
			log.error("{} declares no permission: refused", method.getShortLogMessage());
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		Permissions.require(required.caller(), required.value());
		return true;
	}

	private static <A extends java.lang.annotation.Annotation> A declared(HandlerMethod method, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
	}

}
