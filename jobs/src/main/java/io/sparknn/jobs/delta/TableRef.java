package io.sparknn.jobs.delta;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Which Delta table to read and how: a path (any Hadoop FileSystem URI) or a catalog table name,
 * optionally pinned to a version or timestamp, filtered by a SQL predicate and narrowed to some
 * columns. Exactly one of {@code path} and {@code table}; at most one of {@code versionAsOf} and
 * {@code timestampAsOf}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableRef(
        String path, String table, Long versionAsOf, String timestampAsOf, String filter, List<String> columns) {

    /** A path or catalog name as given on a command line: anything with '/' or ':' is a path. */
    public static TableRef parse(String pathOrName) {
        boolean isPath = pathOrName.contains("/") || pathOrName.contains(":");
        return isPath
                ? new TableRef(pathOrName, null, null, null, null, null)
                : new TableRef(null, pathOrName, null, null, null, null);
    }

    public TableRef withVersion(Long version) {
        return new TableRef(path, table, version, version == null ? timestampAsOf : null, filter, columns);
    }

    public TableRef withPath(String newPath) {
        return new TableRef(newPath, null, versionAsOf, timestampAsOf, filter, columns);
    }

    public boolean isPath() {
        return path != null;
    }

    /** The path or the table name, for messages and provenance. */
    public String name() {
        return path != null ? path : table;
    }

    /**
     * Checks the combination of fields; {@code key} is where this ref sits in the config (e.g.
     * {@code input}) so that messages name the key to change.
     */
    public List<String> problems(String key) {
        List<String> problems = new java.util.ArrayList<>();
        if ((path == null) == (table == null)) {
            problems.add(key + ": give exactly one of '" + key + ".path' (a Delta table directory or URI) and '" + key
                    + ".table' (a catalog table name)");
        }
        if (path != null && path.isBlank()) {
            problems.add(key + ".path is empty");
        }
        if (versionAsOf != null && timestampAsOf != null) {
            problems.add(key + ": give at most one of '" + key + ".versionAsOf' and '" + key + ".timestampAsOf'");
        }
        if (versionAsOf != null && versionAsOf < 0) {
            problems.add(key + ".versionAsOf must be >= 0, got " + versionAsOf);
        }
        if (columns != null && columns.isEmpty()) {
            problems.add(key + ".columns is an empty list: leave it out to read every column");
        }
        return problems;
    }
}
