package io.octavia.core.platform.internal;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

	/** Replaces Boot's JPA transaction manager; JDBC work joins the same transactions. */
	@Bean
	PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new TenantAwareTransactionManager(entityManagerFactory);
	}

}
