package io.octavia.core.server.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox's state changes after a publication was stored (processing, completed,
 * failed, resubmitted) commit without waiting for the WAL flush
 * ({@code synchronous_commit = off}, this transaction only). Losing one in a crash only
 * means the event is sent again, which the outbox allows anyway (at least once; consumers
 * deduplicate by CloudEvent id), while every commit that waits for the disk costs a flush
 * that the business writes queue behind. The publication itself is stored in the writer's
 * own transaction, which stays durable.
 */
@Configuration(proxyBeanMethods = false)
class OutboxBookkeeping {

	static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";

	@Bean
	static BeanPostProcessor outboxBookkeepingCommitsAsynchronously(ObjectProvider<JdbcTemplate> jdbc) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof EventPublicationRepository repository)) {
					return bean;
				}
				return Proxy.newProxyInstance(EventPublicationRepository.class.getClassLoader(),
						new Class<?>[] { EventPublicationRepository.class }, (proxy, method, arguments) -> {
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
