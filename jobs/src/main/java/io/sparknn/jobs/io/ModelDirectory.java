package io.sparknn.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Recognises a directory as a PipelineModel that train saved: nothing at its top but Spark ML's
 * {@code metadata/} and {@code stages/}, a PipelineModel's metadata, and a spark-nn stage. Only
 * such a directory is replaced by a new model; a Delta table, a data directory or a model with
 * files added by someone else is left alone.
 */
final class ModelDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LAYOUT = Set.of("metadata", "stages");

    private ModelDirectory() {}

    /** Why {@code dir} is not a model train wrote, or null when it is one. */
    static String unexpected(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(new Path(dir, "_delta_log"))) {
            return "it is a Delta table (it has a _delta_log)";
        }
        List<String> names = Arrays.stream(fs.listStatus(dir))
                .map(s -> s.getPath().getName())
                .sorted()
                .toList();
        List<String> foreign = names.stream().filter(n -> !LAYOUT.contains(n)).toList();
        if (!foreign.isEmpty()) {
            return "it holds " + foreign + ", which a saved PipelineModel does not have";
        }
        JsonNode pipeline = metadata(fs, new Path(dir, "metadata"));
        if (pipeline == null
                || !"org.apache.spark.ml.PipelineModel"
                        .equals(pipeline.path("class").asText())) {
            return "its metadata/ is not a PipelineModel's";
        }
        if (!fs.exists(new Path(dir, "stages"))) {
            return "it has no stages/";
        }
        for (FileStatus stage : fs.listStatus(new Path(dir, "stages"))) {
            JsonNode m = metadata(fs, new Path(stage.getPath(), "metadata"));
            if (m != null && m.path("class").asText().startsWith("io.sparknn.")) {
                return null;
            }
        }
        return "none of its stages is a spark-nn model";
    }

    /** The class each stage's metadata names, by stage directory name (its index first). */
    static List<String> stageClasses(FileSystem fs, Path dir) throws IOException {
        Path stages = new Path(dir, "stages");
        if (!fs.exists(stages)) {
            return List.of();
        }
        return Arrays.stream(fs.listStatus(stages))
                .sorted()
                .map(st -> {
                    try {
                        JsonNode m = metadata(fs, new Path(st.getPath(), "metadata"));
                        return m == null ? "?" : m.path("class").asText("?");
                    } catch (IOException e) {
                        return "? (" + e.getMessage() + ")";
                    }
                })
                .toList();
    }

    /** The JSON line of Spark ML's {@code metadata/part-*} file, or null. */
    private static JsonNode metadata(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return null;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isFile() && f.getPath().getName().startsWith("part-")) {
                try (FSDataInputStream in = fs.open(f.getPath());
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line = r.readLine();
                    return line == null ? null : JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    return null; // not Spark ML metadata: the caller refuses the directory
                }
            }
        }
        return null;
    }
}
