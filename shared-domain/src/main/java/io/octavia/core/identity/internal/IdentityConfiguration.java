package io.octavia.core.identity.internal;

import java.time.Clock;

import io.octavia.core.identity.DomainTxtLookup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	/**
	 * The time expiries, locks and TOTP steps are measured by; tests replace it to move
	 * time forward.
	 */
	@Bean
	Clock identityClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	DomainTxtLookup domainTxtLookup(IdentityProperties properties) {
		return new JndiDomainTxtLookup(properties.domainVerification());
	}

}
