package io.octavia.core.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what an API endpoint needs: the kind of caller and one named permission (from
 * {@code io.octavia.core.identity.RolePermissions}). Checked before the request is even
 * read, so a caller without the permission learns nothing from validation errors. Every
 * {@code /api/**} handler carries this or {@link PublicEndpoint}; a test lists the ones
 * that do not, and the gateway refuses them.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {

	/** The permission, or {@link #AUTHENTICATED} when any verified caller may call. */
	String value();

	Caller caller() default Caller.TENANT;

	/**
	 * No permission beyond a verified credential of the right kind (e.g. "my profile").
	 */
	String AUTHENTICATED = "";

	enum Caller {

		/** Platform staff, acting for no tenant. */
		OPERATOR,

		/** A user, key or client of exactly one tenant. */
		TENANT,

		/** Either kind: the handler serves each in its own scope. */
		EITHER

	}

}
