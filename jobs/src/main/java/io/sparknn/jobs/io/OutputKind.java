package io.sparknn.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The kinds of output the jobs write, each with the test that recognises an existing path as
 * one the jobs wrote before: only such a path is replaced, anything else is refused.
 */
public enum OutputKind {
    /** The metrics JSON of train or evaluate. */
    METRICS_JSON("a metrics JSON file", false) {
        @Override
        boolean isOwn(FileSystem fs, FileStatus st) throws IOException {
            JsonNode n = json(fs, st);
            return n != null
                    && Set.of("train", "evaluate").contains(n.path("job").asText())
                    && n.has("metrics");
        }
    },
    /** The JSON summary of a score run ({@code --summary-out}). */
    SCORE_SUMMARY("a score summary JSON file", false) {
        @Override
        boolean isOwn(FileSystem fs, FileStatus st) throws IOException {
            JsonNode n = json(fs, st);
            return n != null && "score".equals(n.path("job").asText()) && n.has("output");
        }
    },
    /** The HTML report of a train run. */
    HTML_REPORT("an HTML report", false) {
        @Override
        boolean isOwn(FileSystem fs, FileStatus st) throws IOException {
            String head = head(fs, st, 4096);
            return head.contains(GENERATOR) || head.contains("<title>spark-nn ");
        }
    },
    /** A PipelineModel directory with a spark-nn stage, as train saves it. */
    MODEL("a spark-nn PipelineModel directory", true) {
        @Override
        boolean isOwn(FileSystem fs, FileStatus st) throws IOException {
            return ModelDirectory.unexpected(fs, st.getPath()) == null;
        }
    };

    /** The marker the HTML report carries so that a later run recognises it. */
    public static final String GENERATOR = "<meta name=\"generator\" content=\"spark-nn\">";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our JSON outputs are a few KB; anything far larger is not one of them. */
    private static final int MAX_OWN_FILE = 16 << 20;

    private final String description;
    private final boolean directory;

    OutputKind(String description, boolean directory) {
        this.description = description;
        this.directory = directory;
    }

    /** What the job writes there, for messages, e.g. "a metrics JSON file". */
    public String description() {
        return description;
    }

    /** True for a directory output (a model), false for a single file. */
    public boolean isDirectory() {
        return directory;
    }

    /** Whether the existing {@code st} (of this kind's file/directory type) was written by a job. */
    abstract boolean isOwn(FileSystem fs, FileStatus st) throws IOException;

    private static JsonNode json(FileSystem fs, FileStatus st) throws IOException {
        if (st.getLen() > MAX_OWN_FILE) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(head(fs, st, MAX_OWN_FILE));
            return n != null && n.isObject() ? n : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // not JSON: not ours, and the caller refuses to replace it
        }
    }

    /** The file's first {@code max} bytes (all of it when shorter) as text. */
    private static String head(FileSystem fs, FileStatus st, int max) throws IOException {
        byte[] bytes = new byte[(int) Math.min(st.getLen(), max)];
        try (FSDataInputStream in = fs.open(st.getPath())) {
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
