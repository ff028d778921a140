package io.sparknn.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparknn.jobs.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads a job config: parses the YAML file, applies {@code --set key=value} overrides (dotted
 * keys, values parsed as YAML scalars or lists), then binds the tree strictly to the config type.
 * Every failure is a {@link ConfigException} naming the file and the key.
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ConfigLoader() {}

    public static TrainConfig loadTrain(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "Config file " + file + " does not exist (working directory "
                            + Path.of("").toAbsolutePath() + ").",
                    e);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return loadTrain(file.toString(), text, overrides);
    }

    /** A train config from YAML text; {@code source} names it in messages. */
    public static TrainConfig loadTrain(String source, String yaml, List<String> overrides) {
        TrainConfig config = bind(read(source, yaml, overrides), TrainConfig.class, source);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid job config " + source + ": " + String.join("; ", problems));
        }
        return config;
    }

    /** One of the seed configs of conf/ as packaged in the jar, e.g. {@code seed000-mlp}. */
    public static String packagedConfig(String name) {
        String resource = "/io/sparknn/jobs/conf/" + name + ".yaml";
        try (java.io.InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("No packaged config '" + name + "' (" + resource + ")");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The YAML tree of {@code yaml} with the overrides applied. */
    static ObjectNode read(String file, String yaml, List<String> overrides) {
        JsonNode root;
        DuplicateKeys.check(file, yaml);
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "Config file " + file + " is not valid YAML: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr(),
                    e);
        }
        if (!(root instanceof ObjectNode obj)) {
            throw new ConfigException("Config file " + file + " must hold a YAML mapping (key: value lines), got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        for (String o : overrides) {
            applyOverride(obj, o);
        }
        return obj;
    }

    static void applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set '" + override + "' is not key=value (e.g. --set estimator.maxEpochs=3)");
        }
        String key = override.substring(0, eq).trim();
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new ConfigException(
                        "--set " + key + ": '" + String.join(".", List.of(parts).subList(0, i + 1))
                                + "' is a value, not a section, so it has no key '" + parts[i + 1] + "'");
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], parseValue(override.substring(eq + 1)));
    }

    /** A value as YAML would read it (3 is a number, true a boolean, [a, b] a list), else text. */
    private static JsonNode parseValue(String raw) {
        if (raw.isEmpty()) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode v = YAML.readTree(raw);
            return v == null ? TextNode.valueOf(raw) : v;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(raw);
        }
    }

    static <T> T bind(JsonNode tree, Class<T> type, String source) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null
                    ? ""
                    : " Known keys here: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ".";
            throw new ConfigException("Unknown key '" + keyPath(e) + "' in " + source + "." + known, e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(
                    "Key '" + keyPath(e) + "' in " + source + " has the value '" + e.getValue()
                            + "', which is not a valid " + typeName(e.getTargetType()) + ".",
                    e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(
                    "Key '" + keyPath(e) + "' in " + source + " has the wrong type: expected "
                            + typeName(e.getTargetType()) + ".",
                    e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "Cannot read " + source + " at '" + keyPath(e) + "': " + e.getOriginalMessage(), e);
        }
    }

    private static String keyPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> t) {
        if (t == null) {
            return "value";
        }
        if (t.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(t.getEnumConstants())
                            .map(c -> c.toString().toLowerCase())
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class)) {
            return "number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "boolean (true or false)";
        }
        if (List.class.isAssignableFrom(t)) {
            return "list";
        }
        if (t == String.class) {
            return "text value";
        }
        return "mapping (" + t.getSimpleName() + ")";
    }
}
