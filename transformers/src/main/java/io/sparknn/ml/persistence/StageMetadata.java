package io.sparknn.ml.persistence;

import io.sparknn.ml.LearnedNetwork;
import io.sparknn.model.ModelFormatException;
import io.sparknn.sparkio.compat.ParamsMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The {@code metadata/} part of a saved stage, through Spark's own DefaultParamsWriter/Reader
 * so that {@code PipelineModel.load} and PySpark see the usual layout. Loading checks the class
 * name first, so a foreign or corrupt directory fails with a message saying what was found.
 */
public final class StageMetadata {
    private final DefaultParamsReader.Metadata metadata;

    private StageMetadata(DefaultParamsReader.Metadata metadata) {
        this.metadata = metadata;
    }

    public static void save(Params stage, String path, SparkSession spark) {
        ParamsMetadata.save(stage, path, spark);
    }

    /** Reads the metadata of {@code path}, which must have been written for {@code expected}. */
    public static StageMetadata load(String path, SparkSession spark, Class<?> expected) {
        Path dir = new Path(path, "metadata");
        try {
            if (!hasPartFile(dir.getFileSystem(spark.sparkContext().hadoopConfiguration()), dir)) {
                throw new IllegalArgumentException(path + " is not a saved Spark ML stage: " + dir
                        + " has no part-00000 file. Give the directory written by save().");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        DefaultParamsReader.Metadata m;
        try {
            m = ParamsMetadata.load(path, spark);
        } catch (Exception e) {
            // Spark's reader throws Jackson's checked parse errors undeclared (Scala), so catch them all.
            throw new IllegalArgumentException(
                    path + " has unreadable metadata (" + e.getMessage()
                            + "). The directory is corrupted or was not written by Spark ML.",
                    e);
        }
        if (!m.className().equals(expected.getName())) {
            throw new IllegalArgumentException(path + " holds a " + m.className() + ", not a " + expected.getName()
                    + ". Load it with " + m.className() + ".load(path) or PipelineModel.load(path).");
        }
        return new StageMetadata(m);
    }

    /**
     * Spark 3.5 writes the metadata as {@code part-00000}, Spark 4 as {@code part-00000-<uuid>.txt}
     * (through the SparkSession); either line reads both, so a stage saved by one loads in the other.
     */
    private static boolean hasPartFile(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
            return false;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isFile() && f.getPath().getName().startsWith("part-00000")) {
                return true;
            }
        }
        return false;
    }

    /** The network data next to the metadata, with a clear error when it is missing or corrupt. */
    public static LearnedNetwork data(String path, SparkSession spark) {
        try {
            return LearnedNetwork.fromSaved(
                    HadoopModelFile.read(path, spark.sparkContext().hadoopConfiguration()));
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(
                    "Cannot load the network of the model at " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model data at " + path + ": " + e.getMessage(), e);
        }
    }

    public String uid() {
        return metadata.uid();
    }

    /** Sets the saved param values (and defaults) on {@code stage}. */
    public void applyParams(Params stage) {
        metadata.getAndSetParams(stage, Option.empty());
    }
}
