package io.sparknn.ml.training;

import io.sparknn.ml.tensorboard.TensorBoardRun;
import io.sparknn.train.EpochStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The TensorBoard run of one fit, for the {@code tensorboardDir} param. The run folder is created
 * before training, so that a directory the driver cannot write fails the fit at once rather than
 * after the training; the epochs' scalars are written from the driver once training has ended.
 */
final class TensorBoardFit implements AutoCloseable {
    private final String logDir;
    private final Instant start;
    private final TensorBoardRun run;

    private TensorBoardFit(String logDir, Instant start, TensorBoardRun run) {
        this.logDir = logDir;
        this.start = start;
        this.run = run;
    }

    /** The fit's run under {@code logDir}, named after the estimator; null when the param is empty. */
    static TensorBoardFit open(Configuration conf, String logDir, String estimatorUid) {
        if (logDir == null || logDir.isEmpty()) {
            return null;
        }
        Instant start = Instant.now();
        try {
            return new TensorBoardFit(logDir, start, TensorBoardRun.create(conf, logDir, estimatorUid, start));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "tensorboardDir '" + logDir + "' cannot hold a TensorBoard run: " + e
                            + ". Give a directory the driver can create and write (any Hadoop FileSystem URI), "
                            + "or leave tensorboardDir empty.",
                    e);
        }
    }

    void write(List<EpochStats> history) {
        try {
            run.history(history, start);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the TensorBoard events of this fit under tensorboardDir '" + logDir + "' (run "
                            + run.dir() + "): " + e + ". Check the directory's space and permissions.",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            run.close();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot close the TensorBoard event file in " + run.dir() + " (tensorboardDir): " + e, e);
        }
    }
}
