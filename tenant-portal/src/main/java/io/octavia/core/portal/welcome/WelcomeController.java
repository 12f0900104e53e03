package io.octavia.core.portal.welcome;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The getting-started panel of the portal dashboard. The dashboard loads the fragment
 * with htmx; the same URL opened in the browser shows it as a page of its own.
 */
@Controller
@RequestMapping("/portal/fragments/welcome")
class WelcomeController {

	private static final String VIEW = "portal/welcome/welcome";

	@HxRequest
	@GetMapping
	String panel() {
		return VIEW + " :: panel";
	}

	@GetMapping
	String page() {
		return VIEW;
	}

}
