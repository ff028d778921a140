package io.sparknn.sparkio;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one file on any Hadoop FileSystem (file:, hdfs:, s3a:, dbfs:) so that readers see the
 * old file or the complete new one, never a part: the content goes to a hidden temporary sibling
 * ({@code .<name>.<nanos>.tmp}, which listings of complete files ignore), is synced, and is then
 * renamed over the target.
 *
 * <p>One policy for saved models and checkpoints, the stricter of the two the project had:
 * <ul>
 *   <li>{@code hsync} before close. A checkpoint is read back after an executor or node dies; a
 *       rename that reaches the NameNode before the data reaches the DataNodes' disks would leave
 *       a complete-looking file with missing bytes. A model save pays one sync per model.</li>
 *   <li>On any failure the temporary file is deleted and a failing delete is attached to the
 *       original exception as suppressed, so cleanup never hides why the write failed.</li>
 * </ul>
 * An existing target is deleted just before the rename, because HDFS's {@code rename} does not
 * replace a file; until then a failed write leaves the old file as it was.
 */
public final class AtomicFile {

    /** The bytes of the file, written to the stream the caller is given (and must not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code target} (creating its directory) from {@code content}, replacing any old file. */
    public static void write(FileSystem fs, Path target, Content content) throws IOException {
        fs.mkdirs(target.getParent());
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + System.nanoTime() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                content.writeTo(out);
                out.hsync();
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("Could not rename " + tmp + " to " + target
                        + ". Check that the process may write to " + target.getParent() + ".");
            }
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
