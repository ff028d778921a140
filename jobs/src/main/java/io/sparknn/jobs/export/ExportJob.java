package io.sparknn.jobs.export;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.FailureCause;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.model.SavedPipeline;
import io.sparknn.ml.NeuralNetworkModel;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.onnx.OnnxExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the spark-nn stage of a saved model as an ONNX file: a classifier's output is
 * {@value OnnxExporter#PROBABILITY}, a regressor's {@value OnnxExporter#PREDICTION}; the input
 * is the network's feature vector ({@value OnnxExporter#INPUT}). Stages before the network
 * (e.g. a VectorAssembler) are not part of the ONNX model: they are reported so the caller
 * assembles the same vector.
 */
public final class ExportJob {
    private static final String OPTION = "--model";

    /** What was written. */
    public record Result(
            String modelPath, Path onnx, String output, int inputWidth, int outputWidth, List<String> otherStages) {}

    private final SparkSession spark;

    public ExportJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Checks that need no Spark: {@code out} must not exist unless {@code overwrite}, and its
     * directory must.
     */
    public static void checkOutput(Path out, boolean overwrite) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ConfigException("--out '" + out + "': its directory " + dir + " does not exist. Create it, or "
                    + "choose a file in an existing directory.");
        }
        if (Files.isDirectory(out)) {
            throw new ConfigException(
                    "--out '" + out + "' is a directory; give a file path, e.g. " + out.resolve("model.onnx") + ".");
        }
        if (Files.exists(out) && !overwrite) {
            throw new ConfigException("--out '" + out + "' already exists. Nothing was changed. Pass --overwrite to "
                    + "replace it, or choose another path.");
        }
    }

    public Result run(String model, Path out, boolean overwrite) {
        checkOutput(out, overwrite);
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        String path = files.qualify(model, OPTION);
        Transformer stage;
        List<String> others;
        if (files.exists(path + "/stages", OPTION)) {
            SavedPipeline pipeline = SavedPipeline.load(files, model, OPTION);
            stage = pipeline.network();
            others = Arrays.stream(pipeline.pipeline().stages())
                    .filter(s -> s != pipeline.network())
                    .map(s -> s.getClass().getSimpleName())
                    .toList();
        } else {
            stage = loadStage(files, path);
            others = List.of();
        }
        OnnxExporter.Head head = stage instanceof NeuralNetworkClassificationModel
                ? OnnxExporter.Head.PROBABILITY
                : OnnxExporter.Head.PREDICTION;
        NeuralNetworkModel<?> network = (NeuralNetworkModel<?>) stage;
        try {
            OnnxExporter.write(network.data().toSaved(), head, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ONNX model to " + out + ": " + e.getMessage(), e);
        }
        int outputs = network.data().spec().outputShape().size();
        return new Result(
                path,
                out,
                head.outputName(),
                network.data().spec().inputShape().size(),
                head == OnnxExporter.Head.PROBABILITY && outputs == 1 ? 2 : outputs,
                others);
    }

    /** A model directory saved by {@code model.save(dir)}: the class its metadata names decides the reader. */
    private static Transformer loadStage(JobFiles files, String path) {
        if (!files.exists(path + "/metadata", OPTION)) {
            throw new InputDataException("Model directory '" + path + "' (" + OPTION + ") "
                    + (files.exists(path, OPTION)
                            ? "holds neither a saved PipelineModel nor a saved spark-nn model"
                            : "does not exist")
                    + ". Point " + OPTION + " at the output.model directory of a train run, or at a directory "
                    + "written by NeuralNetworkClassificationModel/NeuralNetworkRegressionModel.save.");
        }
        try {
            return NeuralNetworkClassificationModel.load(path);
        } catch (RuntimeException classifierFailure) {
            try {
                return NeuralNetworkRegressionModel.load(path);
            } catch (RuntimeException e) {
                e.addSuppressed(classifierFailure);
                throw new InputDataException(
                        "Cannot load a spark-nn model from '" + path + "' (" + OPTION + "): "
                                + FailureCause.of(e).replaceAll("\\.+$", "") + ". Point " + OPTION + " at a saved "
                                + "PipelineModel or spark-nn model directory.",
                        e);
            }
        }
    }
}
