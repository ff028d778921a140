package io.sparknn.jobs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparknn.jobs.ConfigException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Refuses a YAML mapping that gives a key twice. YAML parsers keep the last value, so a config
 * with {@code label:} twice would train on whichever came last without a word; the message names
 * the key and both lines so the user can decide which one was meant.
 */
final class DuplicateKeys {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private DuplicateKeys() {}

    /** A mapping (or list, with no {@code lines}) being read, and the key read last in it. */
    private static final class Frame {
        final String path;
        final Map<String, Integer> lines;
        String key;

        Frame(String path, boolean mapping) {
            this.path = path;
            this.lines = mapping ? new HashMap<>() : null;
        }

        String child() {
            if (lines == null) {
                return path + "[]";
            }
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    static void check(String source, String yaml) {
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser p = FACTORY.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY ->
                        open.push(new Frame(open.isEmpty() ? "" : open.peek().child(), t == JsonToken.START_OBJECT));
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case FIELD_NAME -> {
                        Frame f = open.peek();
                        f.key = p.currentName();
                        int line = p.currentTokenLocation().getLineNr();
                        Integer first = f.lines.putIfAbsent(f.key, line);
                        if (first != null) {
                            throw new ConfigException(
                                    "Key '" + f.child() + "' is given twice in " + source + ", on line "
                                            + first + " and on line " + line
                                            + " (YAML would silently keep the last). Keep only "
                                            + "the one you mean.");
                        }
                    }
                    default -> {}
                }
            }
        } catch (IOException e) {
            // Malformed YAML: the parse that follows reports it with its line.
        }
    }
}
