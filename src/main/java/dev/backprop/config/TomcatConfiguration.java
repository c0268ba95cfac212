package dev.backprop.config;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the requests Tomcat refuses before they reach Spring answer like every other error.
 * Encoded slashes in a path ({@code ..%2F}) pass through, so an id made of them is simply not found;
 * whatever else Tomcat rejects on its own (malformed URLs, bad headers) is written by
 * {@link ProblemErrorReportValve} as problem+json instead of Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
