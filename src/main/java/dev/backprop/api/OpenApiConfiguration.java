package dev.backprop.api;

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
     * Every error answer under /api is a problem, and every one under /v2 the protocol's {@code {"error"}}:
     * each declared 4xx/5xx gets that content (also where the success is a PNG or a file), and a
     * {@code default} answer covers the statuses any request may meet (401, 413, 415, 503).
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ProblemSchema.define(openApi);
            openApi.getPaths().forEach((path, item) -> {
                boolean inference = path.startsWith("/v2");
                String mediaType = inference ? "application/json" : PROBLEM_JSON;
                Schema<?> error =
                        new Schema<>().$ref(inference ? ProblemSchema.OPEN_INFERENCE_ERROR_REF : ProblemSchema.REF);
                item.readOperations().forEach(operation -> {
                    operation.getResponses().forEach((code, response) -> {
                        if (!code.matches("[45]\\d\\d")) {
                            return;
                        }
                        MediaType declared = response.getContent() == null
                                ? null
                                : response.getContent().get(mediaType);
                        if (declared == null) {
                            response.setContent(new Content().addMediaType(mediaType, new MediaType().schema(error)));
                        } else if (declared.getSchema() == null
                                || declared.getSchema().get$ref() == null
                                || declared.getSchema().get$ref().endsWith("/ProblemDetail")) {
                            // Declared with Spring's ProblemDetail (or no schema): the shape on the wire instead,
                            // keeping the operation's own examples.
                            declared.setSchema(error);
                        }
                    });
                    operation
                            .getResponses()
                            .addApiResponse(
                                    "default",
                                    new ApiResponse()
                                            .description(inference ? "An error, as {\"error\": \"…\"}" : "A problem")
                                            .content(new Content()
                                                    .addMediaType(mediaType, new MediaType().schema(error))));
                });
            });
        };
    }
}
