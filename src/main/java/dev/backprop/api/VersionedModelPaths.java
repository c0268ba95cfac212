package dev.backprop.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the registry's addresses as operations of their own: wherever a model id goes, a name, a
 * {@code name@alias}, or {@code {name}/versions/{version}} (which the model package's version filter
 * rewrites before any endpoint sees it). Generated clients get a method per versioned operation instead
 * of encoding the slash into the id, which the service would not decode.
 */
@Configuration(proxyBeanMethods = false)
class VersionedModelPaths {

    private static final Map<String, String> PREFIXES = Map.of(
            "/api/v1/models/{id}",
            "/api/v1/models/{name}/versions/{version}",
            "/v2/models/{id}",
            "/v2/models/{name}/versions/{version}");

    private static final String ID = "A model's id, its name (the latest version) or `name@alias`"
            + " (the version the alias points at; `latest` always exists)";

    @Bean
    OpenApiCustomizer versionedModelOperations() {
        return openApi -> {
            Paths versioned = new Paths();
            openApi.getPaths()
                    .forEach((path, item) -> PREFIXES.forEach((prefix, replacement) -> {
                        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
                            return;
                        }
                        item.readOperations().forEach(VersionedModelPaths::describeId);
                        PathItem copy = new PathItem();
                        item.readOperationsMap()
                                .forEach((method, operation) -> copy.operation(method, versionOf(operation)));
                        versioned.addPathItem(replacement + path.substring(prefix.length()), copy);
                    }));
            versioned.forEach(openApi.getPaths()::addPathItem);
        };
    }

    private static void describeId(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(p -> "path".equals(p.getIn()) && "id".equals(p.getName()))
                    .forEach(p -> p.setDescription(ID));
        }
    }

    private static Operation versionOf(Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter parameter :
                operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if ("path".equals(parameter.getIn()) && "id".equals(parameter.getName())) {
                parameters.add(new Parameter()
                        .in("path")
                        .name("name")
                        .required(true)
                        .description("The model's name")
                        .schema(ProblemSchema.typed("string", null)));
                parameters.add(new Parameter()
                        .in("path")
                        .name("version")
                        .required(true)
                        .description("Its version: 1, 2, …")
                        .schema(ProblemSchema.typed("integer", null).minimum(java.math.BigDecimal.ONE)));
            } else {
                parameters.add(parameter);
            }
        }
        return new Operation()
                .tags(operation.getTags())
                .summary(operation.getSummary() == null ? null : operation.getSummary() + " (a given version)")
                .description(operation.getDescription())
                .operationId(operation.getOperationId() == null ? null : operation.getOperationId() + "Version")
                .parameters(parameters)
                .requestBody(operation.getRequestBody())
                .responses(operation.getResponses())
                .security(operation.getSecurity());
    }
}
