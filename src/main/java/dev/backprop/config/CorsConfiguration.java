package dev.backprop.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS stays closed unless {@code backprop.security.allowed-origins} names origins; then those may call the API. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    private final SecurityProperties security;

    CorsConfiguration(SecurityProperties security) {
        this.security = security;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!security.allowedOrigins().isEmpty()) {
            registry.addMapping("/**")
                    .allowedOrigins(security.allowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                    .allowedHeaders("*");
        }
    }
}
