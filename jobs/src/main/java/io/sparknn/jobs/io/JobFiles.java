package io.sparknn.jobs.io;

import io.sparknn.jobs.ConfigException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files the jobs write on any Hadoop FileSystem (file, hdfs, s3a, dbfs), never half-written and
 * never over something they did not write: an output is produced under a temporary sibling name
 * and renamed into place, and an existing path is replaced only when it is recognisably the same
 * kind of output from an earlier run ({@link OutputKind}).
 */
public final class JobFiles {
    private final Configuration conf;

    public JobFiles(Configuration conf) {
        this.conf = conf;
    }

    /** Writes {@code text} to {@code uri} (named by {@code option} in messages) atomically. */
    public void writeText(String uri, String text, OutputKind kind, String option) {
        try (Publication p = publication()) {
            p.stageText(uri, text, kind, option);
            p.publish();
            p.commit();
        }
    }

    /** The whole of a small text file at {@code uri} (UTF-8); a missing file is a config error naming it. */
    public String readText(String uri, String option) {
        Path p = new Path(uri);
        try {
            FileSystem fs = fileSystem(p, option);
            if (!fs.exists(p) || fs.getFileStatus(p).isDirectory()) {
                throw new ConfigException(option + " '" + uri + "' is not an existing file. Give the path of a file "
                        + "a spark-nn job wrote.");
            }
            try (java.io.InputStream in = fs.open(p)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw FileSystemFailure.of(uri, option, e);
        }
    }

    /** A set of outputs published together, or not at all. */
    public Publication publication() {
        return new Publication(this);
    }

    /**
     * Refuses, before anything is computed, an existing {@code uri} the job may not replace: a
     * directory where a file goes (or the reverse), or one that is not {@code kind}'s own.
     */
    public void checkReplaceable(String uri, OutputKind kind, String option) {
        Path target = new Path(uri);
        try {
            FileSystem fs = fileSystem(target, option);
            if (!fs.exists(target)) {
                return;
            }
            FileStatus st = fs.getFileStatus(target);
            String problem;
            if (st.isDirectory() != kind.isDirectory()) {
                problem = "is an existing " + (st.isDirectory() ? "directory" : "file") + ", but the job writes "
                        + kind.description() + " there";
            } else if (kind == OutputKind.MODEL) {
                String why = ModelDirectory.unexpected(fs, target);
                problem = why == null ? null : "exists and is not a model a train run saved: " + why;
            } else {
                problem =
                        kind.isOwn(fs, st) ? null : "exists and is not " + kind.description() + " a spark-nn job wrote";
            }
            if (problem != null) {
                throw new ConfigException(option + " '" + uri + "' " + problem + ". Nothing was changed: spark-nn "
                        + "replaces only outputs it wrote itself. Choose another " + option
                        + (st.isDirectory() && !kind.isDirectory()
                                ? " (a file path, e.g. " + new Path(target, "out.json") + ")"
                                : "")
                        + ", or move the existing one away yourself.");
            }
        } catch (IOException e) {
            throw FileSystemFailure.of(uri, option, e);
        }
    }

    public boolean exists(String uri, String option) {
        Path p = new Path(uri);
        try {
            return fileSystem(p, option).exists(p);
        } catch (IOException e) {
            throw FileSystemFailure.of(uri, option, e);
        }
    }

    /** The stage classes a saved PipelineModel's metadata names, in stage order. */
    public java.util.List<String> stageClasses(String modelDir, String option) {
        Path p = new Path(modelDir);
        try {
            return ModelDirectory.stageClasses(fileSystem(p, option), p);
        } catch (IOException e) {
            throw FileSystemFailure.of(modelDir, option, e);
        }
    }

    public boolean isDirectory(String uri, String option) {
        Path p = new Path(uri);
        try {
            return fileSystem(p, option).getFileStatus(p).isDirectory();
        } catch (IOException e) {
            throw FileSystemFailure.of(uri, option, e);
        }
    }

    /** True for a directory with nothing in it. */
    public boolean isEmptyDirectory(String uri, String option) {
        Path p = new Path(uri);
        try {
            FileSystem fs = fileSystem(p, option);
            return fs.getFileStatus(p).isDirectory() && fs.listStatus(p).length == 0;
        } catch (IOException e) {
            throw FileSystemFailure.of(uri, option, e);
        }
    }

    /** Fully-qualified form of a path (e.g. file:/abs/path), as recorded in metrics. */
    public String qualify(String uri, String option) {
        Path p = new Path(uri);
        return fileSystem(p, option).makeQualified(p).toString();
    }

    FileSystem fileSystem(Path p, String option) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException | RuntimeException e) {
            // Hadoop reports a missing connector class or an unknown host as a RuntimeException
            // (IllegalArgumentException, RuntimeException(ClassNotFoundException)) from here.
            throw FileSystemFailure.of(p.toString(), option, e);
        }
    }
}
