package io.sparknn.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outputs of one run that appear together or not at all. Each is first written under a
 * temporary sibling name ({@link #stage}); {@link #publish} checks again that every target may
 * be replaced, then moves the previous outputs aside and the new ones into place; {@link #commit}
 * deletes the previous outputs. Closing without a commit puts the previous outputs back and
 * removes what this run wrote, so a failure after training (an unwritable metrics file, a
 * metrics-table conflict) publishes nothing. Only outputs this run wrote, or that
 * {@link JobFiles#checkReplaceable} recognised as a job's own, are ever deleted.
 */
public final class Publication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

    private record Entry(Path tmp, Path target, OutputKind kind, String option, FileSystem fs) {}

    /** A target now holding this run's output; {@code old} is the previous output moved aside, or null. */
    private record Swapped(Entry entry, Path old) {}

    private final JobFiles files;
    private final List<Entry> staged = new ArrayList<>();
    private final List<Swapped> swapped = new ArrayList<>();
    private boolean committed;

    Publication(JobFiles files) {
        this.files = files;
    }

    /**
     * Checks that {@code uri} may be replaced and returns a temporary sibling to write the output
     * into (a directory for {@link OutputKind#MODEL}, else a file).
     */
    public String stage(String uri, OutputKind kind, String option) {
        files.checkReplaceable(uri, kind, option);
        Path target = new Path(uri);
        FileSystem fs = files.fileSystem(target, option);
        Path tmp = sibling(target, "tmp");
        staged.add(new Entry(tmp, target, kind, option, fs));
        return tmp.toString();
    }

    /** {@link #stage} and write {@code text} into the temporary file. */
    public void stageText(String uri, String text, OutputKind kind, String option) {
        Path tmp = new Path(stage(uri, kind, option));
        Entry e = staged.get(staged.size() - 1);
        try {
            if (tmp.getParent() != null) {
                e.fs().mkdirs(tmp.getParent());
            }
            try (FSDataOutputStream out = e.fs().create(tmp, false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "Cannot write " + kind.description() + " to " + uri + " (" + option + "): " + ex.getMessage(), ex);
        }
    }

    /** Moves every staged output into place, keeping the previous ones aside until {@link #commit}. */
    public void publish() {
        for (Entry e : staged) {
            files.checkReplaceable(e.target().toString(), e.kind(), e.option()); // it may have changed meanwhile
        }
        for (Entry e : staged) {
            try {
                Path old = null;
                if (e.fs().exists(e.target())) {
                    old = sibling(e.target(), "old");
                    rename(e.fs(), e.target(), old);
                }
                swapped.add(new Swapped(e, old));
                if (e.target().getParent() != null) {
                    e.fs().mkdirs(e.target().getParent());
                }
                rename(e.fs(), e.tmp(), e.target());
            } catch (IOException ex) {
                throw new UncheckedIOException(
                        "Cannot move " + e.kind().description() + " into place at " + e.target() + " (" + e.option()
                                + "): " + ex.getMessage() + ". No output of this run was published.",
                        ex);
            }
        }
    }

    /** Deletes the previous outputs: from now on this run's outputs stay. */
    public void commit() {
        committed = true;
        for (Swapped s : swapped) {
            if (s.old() != null) {
                delete(s.entry().fs(), s.old(), s.entry().kind());
            }
        }
    }

    /** Without a commit: restores the previous outputs and removes this run's. Idempotent. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        committed = true;
        for (int i = swapped.size() - 1; i >= 0; i--) {
            Swapped s = swapped.get(i);
            Entry e = s.entry();
            try {
                if (e.fs().exists(e.target()) && !e.fs().exists(e.tmp())) {
                    delete(e.fs(), e.target(), e.kind()); // this run's output, moved in by publish()
                }
                if (s.old() != null) {
                    rename(e.fs(), s.old(), e.target());
                }
            } catch (IOException ex) {
                LOG.error("Could not restore {} (its previous content is at {})", e.target(), s.old(), ex);
            }
        }
        for (Entry e : staged) {
            try {
                if (e.fs().exists(e.tmp())) {
                    delete(e.fs(), e.tmp(), e.kind());
                }
            } catch (IOException ex) {
                LOG.warn("Could not remove the temporary output {}", e.tmp(), ex);
            }
        }
    }

    private static Path sibling(Path target, String suffix) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + "." + suffix);
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** Recursive only for a model directory, which the caller checked is one a job saved. */
    private static void delete(FileSystem fs, Path p, OutputKind kind) {
        try {
            fs.delete(p, kind.isDirectory());
        } catch (IOException e) {
            LOG.warn("Could not delete {}; remove it by hand", p, e);
        }
    }
}
