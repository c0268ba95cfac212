package dev.backprop;

import dev.backprop.api.UnknownFields;
import dev.backprop.config.HttpProperties;
import dev.backprop.config.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @WebMvcTest} of some controllers with what the service's web layer has around them: the
 * problem advice, filters and interceptors (which the slice finds itself), the Jackson settings of
 * {@code application.properties} and the refusal of unknown fields ({@link UnknownFields}, a
 * configuration the slice does not pick up), the properties the filters read and a meter registry for
 * the prediction timer. The controllers' services are the test's to give, usually as {@code @MockitoBean}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import({WebSlice.WebLayer.class, UnknownFields.class})
public @interface WebSlice {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};

    /** Settings on top of {@code application.properties}. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "properties")
    String[] properties() default {};

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, HttpProperties.class})
    class WebLayer {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
