package io.sparknn.ml.tensorboard;

import io.sparknn.train.EpochStats;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One training run in a TensorBoard log directory on any Hadoop file system: a new subfolder
 * {@code <name>-<UTC start>} (with {@code -2}, {@code -3}, ... when that exists, so that no run's
 * files are ever replaced) holding one event file, written from the driver. Scalars per epoch
 * use the epoch number as step, per-step scalars the global step; see {@link #TAGS}.
 */
public final class TensorBoardRun implements Closeable {
    /** The scalar tags, for the README and the tests. */
    public static final String TAGS = "epoch/loss, epoch/accuracy, epoch/val_loss, epoch/val_accuracy, "
            + "epoch/learning_rate, epoch/samples_per_second, step/loss, step/samples_per_second, eval/<metric>";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final FSDataOutputStream stream;
    private final EventRecords records;
    private boolean closed;

    private TensorBoardRun(Path dir, FSDataOutputStream stream) {
        this.dir = dir;
        this.stream = stream;
        this.records = new EventRecords(stream);
    }

    /**
     * Creates the run's folder and event file under {@code logDir}. A failure to reach the file
     * system comes back as it is: the caller names the setting that gave the directory.
     */
    public static TensorBoardRun create(Configuration conf, String logDir, String name, Instant start)
            throws IOException {
        Path root = new Path(logDir);
        FileSystem fs = root.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            // Its checksum sidecar (.events.out.tfevents...crc) has "tfevents" in its name too:
            // TensorBoard would try to read it as events.
            fs = local.getRaw();
        }
        String base = (name == null || name.isBlank() ? "run" : name.replaceAll("[^A-Za-z0-9._-]", "_")) + "-"
                + STAMP.format(start);
        Path dir = new Path(root, base);
        for (int i = 2; !fs.mkdirs(dir) || fs.listStatus(dir).length > 0; i++) {
            dir = new Path(root, base + "-" + i); // another run's folder: never write into it
        }
        String host = InetAddress.getLocalHost().getHostName();
        Path file = new Path(dir, "events.out.tfevents." + start.getEpochSecond() + "." + host + ".sparknn");
        TensorBoardRun run = new TensorBoardRun(dir, fs.create(file, false));
        try {
            run.records.fileVersion(seconds(start));
        } catch (IOException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** The run's folder, fully qualified. */
    public String dir() {
        return dir.toString();
    }

    /** The job's config as a text summary (shown by TensorBoard's Text tab). */
    public void config(String text, Instant at) throws IOException {
        records.text(seconds(at), 0, "config", "```\n" + text + "\n```");
        stream.hflush();
    }

    /** A running figure of step {@code globalStep} (1-based). */
    public void step(long globalStep, double loss, double samplesPerSecond, Instant at) throws IOException {
        scalar(at, globalStep, "step/loss", loss);
        scalar(at, globalStep, "step/samples_per_second", samplesPerSecond);
        stream.hflush();
    }

    /** An epoch's figures at step = epoch number; NaN figures (not measured) are left out. */
    public void epoch(EpochStats e, Instant at) throws IOException {
        scalar(at, e.epoch(), "epoch/loss", e.loss());
        scalar(at, e.epoch(), "epoch/accuracy", e.accuracy());
        scalar(at, e.epoch(), "epoch/val_loss", e.validationLoss());
        scalar(at, e.epoch(), "epoch/val_accuracy", e.validationAccuracy());
        scalar(at, e.epoch(), "epoch/learning_rate", e.learningRate());
        scalar(at, e.epoch(), "epoch/samples_per_second", e.samplesPerSecond());
        stream.hflush();
    }

    /**
     * A history's epochs, each at the time it ended: {@code start} plus the epochs' seconds so far.
     *
     * @return when the last epoch ended ({@code start} for an empty history)
     */
    public Instant history(List<EpochStats> history, Instant start) throws IOException {
        Instant at = start;
        for (EpochStats e : history) {
            at = at.plus(Duration.ofNanos((long) (e.seconds() * 1e9)));
            epoch(e, at);
        }
        return at;
    }

    /** The held-out metrics of the trained model, at step = the last epoch. */
    public void evaluation(Map<String, Double> metrics, long step, Instant at) throws IOException {
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            scalar(at, step, "eval/" + m.getKey(), m.getValue());
        }
        stream.hflush();
    }

    private void scalar(Instant at, long step, String tag, double v) throws IOException {
        if (Double.isFinite(v)) {
            records.scalar(seconds(at), step, tag, (float) v);
        }
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }
}
