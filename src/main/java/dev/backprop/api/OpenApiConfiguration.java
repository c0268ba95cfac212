package dev.backprop.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI backpropOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Backprop")
                        .version("v1")
                        .description(
                                "Trains fully connected neural networks on 28×28 images and serves their predictions. "
                                        + "Start with POST /api/v1/jobs using the seed network, watch GET /api/v1/jobs/{id}, then "
                                        + "POST images or pictures to /api/v1/models/{modelId}/predict, or evaluate it with "
                                        + "/api/v1/models/{modelId}/evaluate. Errors are RFC 9457 problem details. The same "
                                        + "models answer the Open Inference Protocol (KServe v2) under /v2, whose errors are "
                                        + "{\"error\": \"…\"}.")
                        .license(new License().name("Apache-2.0")));
    }
}
