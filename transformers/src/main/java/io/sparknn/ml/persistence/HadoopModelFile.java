package io.sparknn.ml.persistence;

import io.sparknn.model.ModelFormatException;
import io.sparknn.model.SavedNetwork;
import io.sparknn.sparkio.AtomicFile;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code data/} part of a saved model: {@code data/model.spnn} in the engine's model file
 * format, on any Hadoop FileSystem (local, HDFS, S3A, DBFS). Written by {@link AtomicFile}, so a
 * failed save never leaves a half-written model file.
 */
public final class HadoopModelFile {
    public static final String FILE = "model.spnn";

    private HadoopModelFile() {}

    public static void write(SavedNetwork network, String modelPath, Configuration conf) throws IOException {
        Path target = new Path(new Path(modelPath, "data"), FILE);
        AtomicFile.write(target.getFileSystem(conf), target, network::write);
    }

    /**
     * The network of a saved model directory, or of a saved PipelineModel directory with exactly
     * one spark-nn stage (as train and import write them), so that fine-tuning takes either.
     */
    public static SavedNetwork readModelOrPipeline(String path, Configuration conf) throws IOException {
        Path stages = new Path(path, "stages");
        FileSystem fs = stages.getFileSystem(conf);
        if (fs.exists(new Path(new Path(path, "data"), FILE)) || !fs.exists(stages)) {
            return read(path, conf);
        }
        java.util.List<Path> found = new java.util.ArrayList<>();
        for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(stages)) {
            if (fs.exists(new Path(new Path(st.getPath(), "data"), FILE))) {
                found.add(st.getPath());
            }
        }
        if (found.size() != 1) {
            throw new ModelFormatException(path + " is a PipelineModel with " + found.size() + " spark-nn stages "
                    + found + "; give the directory of the one stage to start from (" + stages + "/<stage>).");
        }
        return read(found.get(0).toString(), conf);
    }

    public static SavedNetwork read(String modelPath, Configuration conf) throws IOException {
        Path file = new Path(new Path(modelPath, "data"), FILE);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new ModelFormatException(
                    modelPath + " is not a saved spark-nn model: " + file
                            + " does not exist. Load the directory that NeuralNetwork*Model.save() or PipelineModel.save() wrote.");
        }
        try (FSDataInputStream in = fs.open(file)) {
            return SavedNetwork.read(in, file.toString());
        } catch (ChecksumException e) {
            // The file system's own checksums (a local .crc file, HDFS block checksums) caught it
            // before the model file's CRC could: the bytes are bad, not unreadable.
            throw new ModelFormatException(
                    file + " is corrupted: its bytes do not match the file system's checksum (" + e.getMessage()
                            + "). Save the model again or restore the directory from a copy.",
                    e);
        }
    }
}
