package io.sparknn.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The class names of a classifier ({@code labels.names} in a train config), stored in the model's
 * provenance as a JSON array so that a later evaluate names the classes the same way.
 */
public final class ClassNames {
    public static final String PROVENANCE_KEY = "labels.names";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClassNames.class);

    private ClassNames() {}

    public static String toJson(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("class names " + names, e);
        }
    }

    /** The names a model was trained with, or null when it has none (or an unreadable entry). */
    public static List<String> of(Map<String, String> provenance) {
        String json = provenance.get(PROVENANCE_KEY);
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            // Only names for the report: show class indices rather than failing an evaluation.
            LOG.warn(
                    "Ignoring the model's provenance entry {}={} (not a JSON list of names: {})",
                    PROVENANCE_KEY,
                    json,
                    e.getOriginalMessage());
            return null;
        }
    }
}
