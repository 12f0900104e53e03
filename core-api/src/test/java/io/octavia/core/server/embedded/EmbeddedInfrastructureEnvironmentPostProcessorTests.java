package io.octavia.core.server.embedded;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedInfrastructureEnvironmentPostProcessorTests {

	final EmbeddedInfrastructureEnvironmentPostProcessor processor = new EmbeddedInfrastructureEnvironmentPostProcessor();

	@Test
	void withEmbeddedInfrastructureOffAMissingSettingFailsTheStartNamingIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("octavia.embedded-infrastructure", "false")
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/octavia")
			.withProperty("spring.data.redis.host", "redis");
		assertThatIllegalStateException()
			.isThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("spring.kafka.bootstrap-servers (SPRING_KAFKA_BOOTSTRAP_SERVERS)")
			.withMessageContaining("spring.mail.host (SPRING_MAIL_HOST)")
			.withMessageNotContaining("spring.datasource.url");
	}

	@Test
	void withEverySettingGivenNothingIsStarted() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/x")
			.withProperty("spring.data.redis.host", "redis")
			.withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
			.withProperty("spring.mail.host", "smtp");
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources()
			.contains(EmbeddedInfrastructureEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
		assertThat(environment.getProperty("octavia.embedded.active")).isNull();
	}

}
