package io.octavia.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole application on a random port, against the embedded PostgreSQL, Redis, Kafka
 * and SMTP servers that are started once per JVM and shared by every test context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = OctaviaCoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface OctaviaIntegrationTest {

	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
