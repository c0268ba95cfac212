package dev.backprop.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access control.
 *
 * @param apiKey         when set, every request that changes state (POST, PUT, PATCH, DELETE) must carry
 *                       it in the {@code X-API-Key} header; reads stay open
 * @param allowedOrigins web origins ({@code https://dashboard.example.com}) whose pages may change state
 *                       here and read the answers (CORS); pages of any other origin may not, so a site
 *                       the user visits cannot upload or cancel on their local service. Empty by default
 */
@ConfigurationProperties("backprop.security")
public record SecurityProperties(String apiKey, List<String> allowedOrigins) {

    public SecurityProperties {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream().map(SecurityProperties::origin).toList();
    }

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** An origin as browsers send it: no trailing slash, lower case. */
    static String origin(String origin) {
        String trimmed = origin.trim().toLowerCase(java.util.Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
