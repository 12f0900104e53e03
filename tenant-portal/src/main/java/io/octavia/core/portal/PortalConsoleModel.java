package io.octavia.core.portal;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleShell;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** The layout and error page of every tenant portal page. */
@ControllerAdvice(basePackageClasses = PortalConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalConsoleModel extends ConsoleShell {

	PortalConsoleModel(ObjectProvider<ConsoleContribution> contributions, MessageSource messages) {
		super(Console.PORTAL, contributions, messages);
	}

}
