package io.sparknn.jobs.modelimport;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.io.Publication;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.SparkSession;

/**
 * {@code import --from FILE --out DIR}: reads a foreign model file into a spark-nn network and
 * saves it as a PipelineModel with one stage, a {@link NeuralNetworkClassificationModel} or
 * {@link NeuralNetworkRegressionModel} reading the {@code features} column, which the score job
 * runs as it is and {@code initialModelPath} fine-tunes. The file is read and checked before
 * Spark starts; the directory is written as the train job writes its model (a temporary sibling,
 * then a rename; an existing {@code --out} only if it is a model a job saved).
 */
public final class ImportJob {
    private ImportJob() {}

    /** A read and checked model, not yet written. */
    public record Imported(String from, String format, SavedNetwork network, ModelTask task) {}

    /** What the job wrote. */
    public record Result(Imported imported, String modelPath) {}

    /**
     * Reads {@code from} (a local file; the extension picks the format) for {@code task}, or the
     * task its last layer implies when null. Usage errors exit 2, an unreadable or unsupported
     * file 3.
     */
    public static Imported read(String from, ModelTask task) {
        Path file = localFile(from);
        ModelFormat format = ModelFormats.forFile(file.getFileName().toString(), ModelFormats.available());
        if (!Files.isRegularFile(file)) {
            throw new InputDataException("--from '" + from + "' does not exist or is not a file. Give the path of a "
                    + "model file saved by " + format.name() + ".");
        }
        SavedNetwork network;
        try {
            network = format.read(file);
        } catch (IOException e) {
            throw new InputDataException(e.getMessage(), e);
        }
        ModelTask chosen = task != null ? task : ModelTask.inferred(network.spec());
        NetworkSpec spec = network.spec();
        if (spec.outputShape().rank() != 1) {
            throw new InputDataException("The imported model outputs " + spec.outputShape() + " per sample, but "
                    + "spark-nn models output a vector (class scores or targets). Import a model whose last "
                    + "layer outputs a vector.");
        }
        return new Imported(file.toAbsolutePath().toString(), format.name(), network, chosen);
    }

    /** A local path, or a usage error for a URI of another file system. */
    private static Path localFile(String from) {
        if (from.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !from.matches("^[A-Za-z]:\\\\.*")) {
            URI uri = URI.create(from);
            if (!"file".equals(uri.getScheme())) {
                throw new ConfigException("--from '" + from + "' is on " + uri.getScheme() + ":, but the import reads "
                        + "local files only. Copy the model file to the local disk first (e.g. hadoop fs -get).");
            }
            return Paths.get(uri);
        }
        return Paths.get(from);
    }

    /** Saves {@code imported} as a PipelineModel at {@code out} (any Hadoop FileSystem URI). */
    public static Result write(SparkSession spark, Imported imported, String out) {
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        String modelPath = files.qualify(out, "--out");
        Transformer stage = stage(imported);
        PipelineModel pipeline =
                new PipelineModel(Identifiable$.MODULE$.randomUID("pipeline"), new Transformer[] {stage});
        try (Publication publication = files.publication()) {
            String tmp = publication.stage(modelPath, OutputKind.MODEL, "--out");
            try {
                pipeline.write().save(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save the model to " + tmp + ": " + e.getMessage(), e);
            }
            publication.publish();
            publication.commit();
        }
        return new Result(imported, modelPath);
    }

    private static Transformer stage(Imported imported) {
        SavedNetwork n = imported.network();
        LearnedNetwork learned = new LearnedNetwork(
                n.spec(),
                n.weights(),
                n.state(),
                new TrainingSummary(
                        List.of(), Map.of("importedFrom", imported.from(), "importFormat", imported.format())));
        return imported.task() == ModelTask.CLASSIFICATION
                ? new NeuralNetworkClassificationModel(
                        Identifiable$.MODULE$.randomUID("nnClassificationModel"), learned)
                : new NeuralNetworkRegressionModel(Identifiable$.MODULE$.randomUID("nnRegressionModel"), learned);
    }
}
