package dev.backprop.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every successful prediction request per model as {@code backprop.predictions} (Prometheus:
 * {@code backprop_predictions_seconds_count} and {@code _sum}, tags {@code model} and {@code endpoint}).
 * Failed requests are left to {@code http.server.requests}, so that made-up model ids cannot add tags.
 */
@Component
public class PredictionMetrics implements HandlerInterceptor {

    private static final String STARTED = PredictionMetrics.class.getName() + ".started";

    private final MeterRegistry registry;

    PredictionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(STARTED, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        Object started = request.getAttribute(STARTED);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(started instanceof Long start)
                || pattern == null
                || !(variables instanceof Map<?, ?> values)
                || response.getStatus() >= 400
                || failure != null) {
            return;
        }
        Object model = values.get("id");
        if (model == null) {
            return;
        }
        String path = pattern.toString();
        Timer.builder("backprop.predictions")
                .description("Prediction requests answered, per model")
                .tag("model", model.toString())
                .tag("endpoint", path.substring(path.lastIndexOf('}') + 1))
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
