package io.sparknn.distributed.checkpoint;

import io.sparknn.model.SavedNetwork;
import io.sparknn.sparkio.AtomicFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on any Hadoop FileSystem (file:, hdfs:, s3a:, dbfs:) as
 * {@code <dir>/checkpoint-<globalStep, 12 digits>.spnn}. Each is written by {@link AtomicFile}
 * (a synced hidden temporary file renamed into place), so a crash mid-write leaves at most a temp
 * file that readers ignore.
 * The newest {@code keep} checkpoints are retained.
 */
public final class HadoopCheckpointStore implements CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopCheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{12})\\.spnn");

    private final Path dir;
    private final Configuration conf;
    private final int keep;

    public HadoopCheckpointStore(String dirUri, Configuration conf, int keep) {
        if (dirUri == null || dirUri.isBlank()) {
            throw new IllegalArgumentException(
                    "checkpointDir is empty; give a directory URI such as hdfs:///tmp/run1 or file:/tmp/run1");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.dir = new Path(dirUri);
        this.conf = conf;
        this.keep = keep;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public Optional<Checkpoint> latest() throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        List<Path> all = checkpoints(fs);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path newest = all.get(all.size() - 1);
        try (FSDataInputStream in = fs.open(newest)) {
            return Optional.of(Checkpoint.fromFile(SavedNetwork.read(in, newest.toString()), newest.toString()));
        }
    }

    @Override
    public void save(Checkpoint checkpoint) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        long step = checkpoint.trainingState().globalStep();
        // A step written again after a retry replaces the earlier file.
        Path target = new Path(dir, String.format("checkpoint-%012d.spnn", step));
        AtomicFile.write(fs, target, checkpoint.toFile()::write);
        List<Path> all = checkpoints(fs);
        for (int i = 0; i < all.size() - keep; i++) {
            if (!fs.delete(all.get(i), false)) {
                LOG.warn("Could not delete old checkpoint {}", all.get(i));
            }
        }
    }

    /** Complete checkpoints, oldest first. */
    private List<Path> checkpoints(FileSystem fs) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!fs.exists(dir)) {
            return found;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            Matcher m = NAME.matcher(st.getPath().getName());
            if (st.isFile() && m.matches()) {
                found.add(st.getPath());
            }
        }
        found.sort(Comparator.comparing(Path::getName));
        return found;
    }
}
