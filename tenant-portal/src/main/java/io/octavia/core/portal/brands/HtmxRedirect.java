package io.octavia.core.portal.brands;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.platform.web.Flash;

import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Sends an htmx request to another page with a flash message. htmx would follow an HTTP
 * redirect itself and swap the whole next page into the form; {@code HX-Redirect} makes
 * the browser navigate instead.
 */
final class HtmxRedirect {

	/** The view that renders nothing: the body of an answer that only redirects. */
	static final String EMPTY = "ui/components :: nothing";

	private HtmxRedirect() {
	}

	static String to(String page, Flash flash, HttpServletRequest request, HttpServletResponse response) {
		RequestContextUtils.getOutputFlashMap(request).put(Flash.ATTRIBUTE, flash);
		RequestContextUtils.saveOutputFlashMap(page, request, response);
		response.setHeader("HX-Redirect", page);
		return EMPTY;
	}

}
