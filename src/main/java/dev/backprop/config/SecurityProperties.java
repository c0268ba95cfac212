package dev.backprop.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access control.
 *
 * @param apiKey when set, every request that changes state (POST, PUT, PATCH, DELETE) must carry it in
 *               the {@code X-API-Key} header; reads stay open
 */
@ConfigurationProperties("backprop.security")
public record SecurityProperties(String apiKey) {

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }
}
