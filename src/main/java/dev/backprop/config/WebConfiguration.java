package dev.backprop.config;

import dev.backprop.model.PredictionMetrics;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final PredictionMetrics predictionMetrics;

    WebConfiguration(PredictionMetrics predictionMetrics) {
        this.predictionMetrics = predictionMetrics;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(predictionMetrics)
                .addPathPatterns("/api/v1/models/*/predict", "/api/v1/models/*/predict/**", "/v2/models/*/infer");
    }
}
