package ore.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates JSON against a shape of an AWS API model (botocore's service-2.json): the JSON that
 * {@code aws <service> <operation> --cli-input-json} and the ECS deploy action accept. Walks
 * structures (members, required; an unknown key is an error, as the CLI's parameter validation
 * refuses it), lists, maps, enums, string lengths, number ranges and scalar types.
 */
final class BotocoreShapes {

    private final JsonNode shapes;

    BotocoreShapes(JsonNode model) {
        this.shapes = model.get("shapes");
        if (shapes == null || !shapes.isObject()) {
            throw new IllegalArgumentException("not a botocore service model: no shapes");
        }
    }

    static BotocoreShapes load(String relative) {
        return new BotocoreShapes(Repo.json(relative));
    }

    boolean has(String shape) {
        return shapes.has(shape);
    }

    /** Every problem found, as "path: message"; empty when the value fits the shape. */
    List<String> validate(JsonNode value, String shapeName) {
        List<String> errors = new ArrayList<>();
        check(value, shapeName, "$", errors);
        return errors;
    }

    private void check(JsonNode value, String shapeName, String path, List<String> errors) {
        JsonNode shape = shapes.get(shapeName);
        if (shape == null) {
            throw new IllegalArgumentException("unknown shape " + shapeName);
        }
        String type = shape.get("type").asString();
        switch (type) {
            case "structure" -> structure(value, shape, shapeName, path, errors);
            case "list" -> {
                if (!value.isArray()) {
                    errors.add(path + ": expected a list (" + shapeName + ")");
                    return;
                }
                range(value.size(), shape, path, "items", errors);
                String member = shape.get("member").get("shape").asString();
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), member, path + "[" + i + "]", errors);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    errors.add(path + ": expected a map (" + shapeName + ")");
                    return;
                }
                String key = shape.get("key").get("shape").asString();
                String item = shape.get("value").get("shape").asString();
                for (var entry : value.properties()) {
                    check(Repo.JSON.getNodeFactory().stringNode(entry.getKey()), key, path + ".<key " + entry.getKey() + ">", errors);
                    check(entry.getValue(), item, path + "." + entry.getKey(), errors);
                }
            }
            case "string" -> {
                if (!value.isString()) {
                    errors.add(path + ": expected a string (" + shapeName + "), got " + value.getNodeType());
                    return;
                }
                String text = value.asString();
                if (shape.has("enum")) {
                    Set<String> allowed = new LinkedHashSet<>();
                    shape.get("enum").forEach(e -> allowed.add(e.asString()));
                    if (!allowed.contains(text)) {
                        errors.add(path + ": '" + text + "' is not one of " + allowed);
                    }
                }
                range(text.length(), shape, path, "characters", errors);
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(path + ": expected an integer (" + shapeName + "), got " + value.getNodeType());
                    return;
                }
                range(value.asLong(), shape, path, "value", errors);
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    errors.add(path + ": expected a number (" + shapeName + "), got " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": expected true or false (" + shapeName + "), got " + value.getNodeType());
                }
            }
            case "timestamp" -> {
                if (!value.isString() && !value.isNumber()) {
                    errors.add(path + ": expected a timestamp (" + shapeName + ")");
                }
            }
            case "blob" -> {
                if (!value.isString()) {
                    errors.add(path + ": expected base64 text (" + shapeName + ")");
                }
            }
            default -> throw new IllegalStateException("shape type " + type + " of " + shapeName + " not handled");
        }
    }

    private void structure(JsonNode value, JsonNode shape, String shapeName, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(path + ": expected an object (" + shapeName + "), got " + value.getNodeType());
            return;
        }
        JsonNode members = shape.path("members");
        for (var entry : value.properties()) {
            JsonNode member = members.get(entry.getKey());
            if (member == null) {
                errors.add(path + ": unknown key '" + entry.getKey() + "' (" + shapeName + " has "
                        + members.propertyNames() + ")");
            } else {
                check(entry.getValue(), member.get("shape").asString(), path + "." + entry.getKey(), errors);
            }
        }
        for (JsonNode required : shape.path("required")) {
            if (!value.has(required.asString())) {
                errors.add(path + ": missing required '" + required.asString() + "' (" + shapeName + ")");
            }
        }
    }

    private static void range(long actual, JsonNode shape, String path, String what, List<String> errors) {
        if (shape.has("min") && actual < shape.get("min").asLong()) {
            errors.add(path + ": " + actual + " " + what + ", fewer than the minimum " + shape.get("min").asLong());
        }
        if (shape.has("max") && actual > shape.get("max").asLong()) {
            errors.add(path + ": " + actual + " " + what + ", more than the maximum " + shape.get("max").asLong());
        }
    }
}
