package io.octavia.core.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

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

	/** A handler method of a controller class. */
	private record Handler(Method method, Class<?> type) {
	}

	/** What a handler declares: public, or the permission it requires (null: nothing). */
	private record Declaration(boolean publicEndpoint, @Nullable RequiresPermission required) {
	}

	/**
	 * Looked up once per handler: the merged-annotation search on method and class was a
	 * measurable part of every API request (BENCHMARKS.md).
	 */
	private final Map<Handler, Declaration> declarations = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Declaration declaration = declarations.computeIfAbsent(new Handler(method.getMethod(), method.getBeanType()),
				PermissionInterceptor::declaration);
		if (declaration.publicEndpoint()) {
			return true;
		}
		RequiresPermission required = declaration.required();
		if (required == null) {
			log.error("{} declares no permission: refused", method.getShortLogMessage());
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		Permissions.require(required.caller(), required.value());
		return true;
	}

	private static Declaration declaration(Handler handler) {
		return new Declaration(declared(handler, PublicEndpoint.class) != null,
				declared(handler, RequiresPermission.class));
	}

	private static <A extends Annotation> @Nullable A declared(Handler handler, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.method(), type);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.type(), type);
	}

}
