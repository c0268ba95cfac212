package dev.backprop.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String API_KEY = "apiKey";

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
                        .contact(new Contact().name("Backprop"))
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description("Needed on every POST, PUT and DELETE when the service sets "
                                                + "backprop.security.api-key; reads never need it")));
    }

    /** Writes may need the API key; an empty requirement says they work without one when none is set. */
    @Bean
    OpenApiCustomizer apiKeyOnWrites() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(item -> item.readOperationsMap().forEach((method, operation) -> {
                    if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
                        operation.setSecurity(
                                List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement()));
                    }
                }));
    }

    /**
     * Every error response the controllers declare under /api is a problem: giving each its content
     * here spares every {@code @ApiResponse} the same four lines. (Without it springdoc would show the
     * method's success type for errors too.)
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ModelConverters.getInstance()
                    .read(ProblemDetail.class)
                    .forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
            Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                item.readOperations()
                        .forEach(operation -> operation.getResponses().forEach((code, response) -> {
                            if (code.matches("[45]\\d\\d") && notDescribed(response)) {
                                response.setContent(
                                        new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem)));
                            }
                        }));
            });
        };
    }

    /** No content, or only springdoc's guess: the method's return type as any media type. */
    private static boolean notDescribed(ApiResponse response) {
        return response.getContent() == null
                || response.getContent().isEmpty()
                || response.getContent().keySet().equals(java.util.Set.of("*/*"));
    }
}
