package io.sparknn.jobs.score;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.TableRef;
import java.util.List;

/**
 * One score run as the command line gives it: the model directory, the input table (with an
 * optional version and filter), the output table and how it changes, the input columns to carry
 * over (null = all of them), where to write the summary JSON (null = nowhere), and whether an
 * existing output table that is not a score table of this shape may be replaced.
 */
public record ScoreRequest(
        String model,
        TableRef input,
        TableRef output,
        DeltaSink.Mode mode,
        String replaceWhere,
        List<String> keepColumns,
        String summaryOut,
        boolean overwriteForeign) {

    /** Checks the options that need no data, so a bad command line fails before Spark starts. */
    public ScoreRequest {
        boolean hasPredicate = replaceWhere != null && !replaceWhere.isBlank();
        if (mode == DeltaSink.Mode.REPLACE_WHERE && !hasPredicate) {
            throw new ConfigException("--mode replace-where needs a predicate: add --replace-where \"<SQL predicate>\" "
                    + "naming the rows to replace, e.g. --replace-where \"day = '2026-12-01'\" (and usually the same "
                    + "--input-filter).");
        }
        if (mode != DeltaSink.Mode.REPLACE_WHERE && hasPredicate) {
            throw new ConfigException("--replace-where \"" + replaceWhere + "\" is only used with --mode replace-where "
                    + "(the mode is "
                    + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + "): add --mode replace-where or drop --replace-where.");
        }
        if (overwriteForeign && mode != DeltaSink.Mode.OVERWRITE) {
            throw new ConfigException(
                    "--overwrite-foreign replaces a whole table, so it goes with --mode overwrite (the "
                            + "mode is "
                            + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): drop "
                            + "--overwrite-foreign, or use --mode overwrite.");
        }
        if (keepColumns != null && keepColumns.isEmpty()) {
            throw new ConfigException(
                    "--keep-columns is empty: list input columns to keep (e.g. --keep-columns id,label), "
                            + "or leave the option out to keep them all.");
        }
        List<String> problems = input.problems("--input");
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }
}
