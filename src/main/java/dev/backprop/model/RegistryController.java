package dev.backprop.model;

import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{name}")
@Tag(name = "Model registry", description = "Models by name, version and alias")
class RegistryController {

    private final ModelRegistry registry;

    RegistryController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/versions")
    @Operation(
            operationId = "getRegisteredModel",
            summary = "A name's versions and aliases",
            description = "Every version of the name, newest first, and where each alias points (`latest` is always "
                    + "the highest version). A version answers under `/api/v1/models/{name}/versions/{version}/…` "
                    + "and an alias under `/api/v1/models/{name}@{alias}/…`.")
    @ApiResponse(responseCode = "200", description = "The name's versions")
    @ApiResponse(responseCode = "404", description = "No model has this name")
    RegisteredModel versions(@PathVariable String name) {
        List<ModelInfo> versions = registry.versions(name);
        if (versions.isEmpty()) {
            throw new NotFoundException("no model is named '" + name + "'");
        }
        return new RegisteredModel(name, registry.aliases(name), versions);
    }

    @PutMapping("/aliases/{alias}")
    @Operation(
            operationId = "setModelAlias",
            summary = "Point an alias at a version",
            description = "For example `production` at version 3; `latest` is kept by the registry and cannot be set.")
    @ApiResponse(responseCode = "200", description = "The name's aliases after the change")
    @ApiResponse(responseCode = "400", description = "A bad alias or version")
    @ApiResponse(responseCode = "404", description = "The name has no such version")
    Map<String, Integer> setAlias(
            @PathVariable String name, @PathVariable String alias, @Valid @RequestBody AliasRequest request) {
        try {
            registry.setAlias(name, alias, request.version());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsException("alias", e.getMessage());
        }
        return registry.aliases(name);
    }

    @DeleteMapping("/aliases/{alias}")
    @Operation(
            operationId = "deleteModelAlias",
            summary = "Remove an alias",
            description = "The version it pointed at stays; `latest` cannot be removed")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "The name has no such alias")
    ResponseEntity<Void> removeAlias(@PathVariable String name, @PathVariable String alias) {
        if (!registry.removeAlias(name, alias)) {
            throw new NotFoundException("model '" + name + "' has no alias '" + alias + "'");
        }
        return ResponseEntity.noContent().build();
    }
}
