package io.octavia.core.server.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox's state changes after a publication was stored cost no round trip of their
 * own on the path of a publication that goes well:
 * <ul>
 * <li>"processing" is not written: nothing reads it back (resubmission takes every
 * publication that is not completed once it is old enough, processing or not), and it was
 * a transaction per publication;</li>
 * <li>completions are collected and written together ({@link OutboxCompletions}), a
 * statement for all those of the last 100 ms instead of a transaction each;</li>
 * <li>what is still written one by one (failed, resubmitted) commits without waiting for
 * the WAL flush ({@code synchronous_commit = off}, this transaction only).</li>
 * </ul>
 * Losing any of these in a crash only means the event is sent again, which the outbox
 * allows anyway (at least once; consumers deduplicate by CloudEvent id), while every
 * commit costs the business writes a share of the server and of the WAL flush. The
 * publication itself is stored in the writer's own transaction, which stays durable.
 */
@Configuration(proxyBeanMethods = false)
class OutboxBookkeeping {

	static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";

	@Bean
	static BeanPostProcessor outboxBookkeepingCoalesced(ObjectProvider<JdbcTemplate> jdbc,
			ObjectProvider<OutboxCompletions> completions) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof EventPublicationRepository repository)) {
					return bean;
				}
				return Proxy.newProxyInstance(EventPublicationRepository.class.getClassLoader(),
						new Class<?>[] { EventPublicationRepository.class }, (proxy, method, arguments) -> {
							if (method.getName().equals("markProcessing")) {
								return null;
							}
							if (method.getName().equals("markCompleted") && arguments.length == 2) {
								OutboxCompletions coalesced = completions.getObject();
								if (coalesced.coalesced()) {
									Instant at = (Instant) arguments[1];
									if (arguments[0] instanceof TargetEventPublication publication) {
										publication.markCompleted(at);
										coalesced.completed(publication.getIdentifier(), at);
										return null;
									}
									if (arguments[0] instanceof UUID id) {
										coalesced.completed(id, at);
										return null;
									}
								}
							}
							if (method.getName().startsWith("mark")
									&& TransactionSynchronizationManager.isActualTransactionActive()) {
								jdbc.getObject().execute(ASYNC_COMMIT);
							}
							try {
								return method.invoke(repository, arguments);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}
		};
	}

}
