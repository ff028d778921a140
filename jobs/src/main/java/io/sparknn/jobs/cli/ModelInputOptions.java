package io.sparknn.jobs.cli;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.delta.TableRef;
import picocli.CommandLine.Option;

/** The options score and evaluate share: the saved model and the Delta table it reads. */
final class ModelInputOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "PipelineModel directory saved by train (output.model); any Hadoop FS URI")
    String model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "TABLE",
            description = "input Delta table: a path or URI (anything with '/' or ':') or a catalog table name")
    String input;

    @Option(
            names = "--input-version",
            paramLabel = "V",
            description = "read this version of the input table (default: the latest, pinned when the job starts)")
    Long inputVersion;

    @Option(
            names = "--input-filter",
            paramLabel = "SQL",
            description = "read only the rows matching this SQL predicate, e.g. \"day = '2026-12-01'\"")
    String inputFilter;

    /** The input as a {@link TableRef}, version and filter included. */
    TableRef inputRef() {
        if (inputVersion != null && inputVersion < 0) {
            throw new ConfigException("--input-version must be a table version >= 0, got " + inputVersion + ".");
        }
        if (inputFilter != null && inputFilter.isBlank()) {
            throw new ConfigException("--input-filter is empty: give a SQL predicate or leave the option out.");
        }
        TableRef ref = TableRef.parse(input);
        return new TableRef(ref.path(), ref.table(), inputVersion, null, inputFilter, null);
    }
}
