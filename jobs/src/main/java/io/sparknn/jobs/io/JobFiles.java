package io.sparknn.jobs.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Files the jobs write on any Hadoop FileSystem (file, hdfs, s3a, dbfs), never half-written: a
 * file or directory is produced under a temporary sibling name and renamed into place.
 */
public final class JobFiles {
    private final Configuration conf;

    public JobFiles(Configuration conf) {
        this.conf = conf;
    }

    /** Writes {@code text} to {@code uri} through a temporary file and a rename. */
    public void writeText(String uri, String text) {
        Path target = new Path(uri);
        try {
            FileSystem fs = target.getFileSystem(conf);
            Path parent = target.getParent();
            if (parent != null) {
                fs.mkdirs(parent);
            }
            Path tmp = new Path(parent, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            replace(fs, tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + uri + ": " + e.getMessage(), e);
        }
    }

    /** A temporary sibling of {@code uri} to write a directory into before {@link #publish}. */
    public String temporarySibling(String uri) {
        Path target = new Path(uri);
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp").toString();
    }

    /** Moves a finished temporary file or directory to {@code uri}, replacing what was there. */
    public void publish(String tmpUri, String uri) {
        Path target = new Path(uri);
        try {
            replace(target.getFileSystem(conf), new Path(tmpUri), target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + tmpUri + " to " + uri + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String uri) {
        Path p = new Path(uri);
        try {
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Fully-qualified form of a path (e.g. file:/abs/path), as recorded in metrics. */
    public String qualify(String uri) {
        Path p = new Path(uri);
        try {
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Old target out of the way first, so that at every moment either the old or the new
     * content is complete under some name; the old one is deleted only after the swap.
     */
    private static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
        Path old = null;
        if (fs.exists(target)) {
            old = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".old");
            if (!fs.rename(target, old)) {
                throw new IOException("rename " + target + " -> " + old + " failed");
            }
        }
        if (!fs.rename(tmp, target)) {
            if (old != null) {
                fs.rename(old, target);
            }
            throw new IOException("rename " + tmp + " -> " + target + " failed");
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }
}
