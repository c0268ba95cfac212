package dev.backprop.process;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based calls built from the document alone: a seeded random sequence of its operations, path
 * parameters drawn from ids that exist and ids that do not, query parameters from their schemas, JSON
 * bodies from the schema's example (made cheap to train) or generated from the schema with random,
 * often invalid, values. Whatever the service answers must validate and must not be a 5xx.
 */
final class RandomCalls {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final Random random;
    private final Map<String, List<String>> pathValues;

    RandomCalls(JsonNode document, long seed, Map<String, List<String>> pathValues) {
        this.document = document;
        this.random = new Random(seed);
        this.pathValues = pathValues;
    }

    void run(ContractWalk walk, int calls) throws Exception {
        List<String[]> operations = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (!op.getKey().equals("delete")) { // deleting the shared ids would starve the rest of the run
                        operations.add(new String[] {op.getKey(), path.getKey()});
                    }
                }));
        for (int k = 0; k < calls; k++) {
            String[] pick = operations.get(random.nextInt(operations.size()));
            JsonNode operation = document.get("paths").get(pick[1]).get(pick[0]);
            String path = fill(pick[1]) + query(operation);
            String body = operation.has("requestBody") ? body(operation.get("requestBody")) : null;
            if (operation.has("requestBody") && body == null) {
                continue; // multipart only: Prism cannot carry binary parts
            }
            if (!pick[1].endsWith("/events")) {
                walk.anyStatus(pick[0].toUpperCase(), path, body);
            }
        }
    }

    private String fill(String template) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher parameter =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (parameter.find()) {
            List<String> values = pathValues.getOrDefault(parameter.group(1), List.of("nope"));
            parameter.appendReplacement(path, values.get(random.nextInt(values.size())));
        }
        return parameter.appendTail(path).toString();
    }

    private String query(JsonNode operation) {
        List<String> pairs = new ArrayList<>();
        if (operation.has("parameters")) {
            for (JsonNode parameter : operation.get("parameters")) {
                if (parameter.get("in").asString().equals("query") && random.nextBoolean()) {
                    pairs.add(parameter.get("name").asString() + "="
                            + value(parameter.get("schema")).asString());
                }
            }
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String body(JsonNode requestBody) {
        JsonNode json = requestBody.get("content").get("application/json");
        if (json == null) {
            return null;
        }
        JsonNode schema = resolve(json.get("schema"));
        if (schema.has("example") && random.nextBoolean()) {
            JsonNode example = schema.get("example").deepCopy();
            cheap(example);
            return example.toString();
        }
        return value(schema).toString();
    }

    /** Examples train for 30 epochs or 24 trials: one epoch on a few examples says as much here. */
    private static void cheap(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> cheap(field.getValue()));
            if (object.has("epochs")) {
                object.put("epochs", 1);
                object.put("trainLimit", 200);
            }
            if (object.has("trials")) {
                object.put("trials", 2);
            }
        }
    }

    private JsonNode value(JsonNode schema) {
        schema = resolve(schema);
        if (schema.has("enum") && random.nextInt(4) > 0) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.has("type")
                ? (schema.get("type").isArray()
                        ? schema.get("type").get(0).asString()
                        : schema.get("type").asString())
                : "object";
        return switch (type) {
            case "integer" -> NODES.numberNode(random.nextInt(2000) - 100);
            case "number" -> NODES.numberNode(random.nextDouble() * 10 - 1);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" -> NODES.stringNode(random.nextBoolean() ? "mnist" : "x" + random.nextInt(100));
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size && schema.has("items"); i++) {
                    array.add(value(schema.get("items")));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                if (schema.has("properties")) {
                    Iterator<Map.Entry<String, JsonNode>> fields =
                            schema.get("properties").properties().iterator();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        if (random.nextInt(3) == 0) {
                            object.set(field.getKey(), value(field.getValue()));
                        }
                    }
                }
                yield object;
            }
        };
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return resolve(document.get("components").get("schemas").get(name));
        }
        if (schema.has("oneOf")) {
            return resolve(schema.get("oneOf").get(0));
        }
        return schema;
    }
}
