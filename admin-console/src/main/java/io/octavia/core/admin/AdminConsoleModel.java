package io.octavia.core.admin;

import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleShell;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** The layout and error page of every operator console page. */
@ControllerAdvice(basePackageClasses = AdminConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminConsoleModel extends ConsoleShell {

	AdminConsoleModel(ObjectProvider<ConsoleContribution> contributions, MessageSource messages) {
		super(Console.ADMIN, contributions, messages);
	}

}
