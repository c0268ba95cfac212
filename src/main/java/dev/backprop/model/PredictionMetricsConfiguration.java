package dev.backprop.model;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Times every prediction request, per model. */
@Configuration(proxyBeanMethods = false)
class PredictionMetricsConfiguration implements WebMvcConfigurer {

    private final PredictionMetrics predictionMetrics;

    PredictionMetricsConfiguration(PredictionMetrics predictionMetrics) {
        this.predictionMetrics = predictionMetrics;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(predictionMetrics)
                .addPathPatterns("/api/v1/models/*/predict", "/api/v1/models/*/predict/**", "/v2/models/*/infer");
    }
}
