package io.octavia.core.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * @param maxBodyBytes largest request body the API accepts; larger ones get 413
 */
@Validated
@ConfigurationProperties("octavia.api")
public record ApiProperties(@DefaultValue("1048576") @Positive long maxBodyBytes) {
}
