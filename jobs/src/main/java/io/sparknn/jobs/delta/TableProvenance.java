package io.sparknn.jobs.delta;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where rows came from: the Delta table (path or catalog name) and the exact version read, so a
 * model records what it was trained on and a re-run can read the same snapshot.
 */
public record TableProvenance(String table, long version, String filter) {

    /** The form stored in a model's provenance param and in the metrics JSON. */
    public Map<String, String> asMap(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "table", table);
        m.put(prefix + "version", Long.toString(version));
        if (filter != null) {
            m.put(prefix + "filter", filter);
        }
        return m;
    }
}
