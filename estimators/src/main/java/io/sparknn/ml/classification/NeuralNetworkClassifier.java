package io.sparknn.ml.classification;

import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.Loss;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.ml.EarlyUid;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.training.InputValidator;
import io.sparknn.ml.training.NeuralNetworkEstimator;
import io.sparknn.ml.training.TrainingParamSet;
import io.sparknn.nn.NetworkSpec;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A neural-network classifier for Spark ML pipelines, trained with synchronous data-parallel SGD
 * on {@link #getNumWorkers()} Spark barrier tasks. The network must end in softmax over k units
 * (k classes) or in one sigmoid unit (2 classes); labels are class indices 0..k-1.
 *
 * <pre>{@code
 * NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
 *     .setNetwork(NetworkSpec.builder(784).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX).build())
 *     .setMaxEpochs(10).setBatchSize(128).setNumWorkers(2);
 * PipelineModel model = new Pipeline().setStages(new PipelineStage[]{assembler, nn}).fit(df);
 * }</pre>
 */
public final class NeuralNetworkClassifier
        extends ProbabilisticClassifier<Vector, NeuralNetworkClassifier, NeuralNetworkClassificationModel>
        implements NeuralNetworkEstimator<NeuralNetworkClassifier>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NeuralNetworkClassifier.class);

    private final String uid;
    private final TrainingParamSet params;

    public NeuralNetworkClassifier() {
        this(Identifiable$.MODULE$.randomUID("nnClassifier"));
    }

    public NeuralNetworkClassifier(String uid) {
        this(EarlyUid.pending(uid));
    }

    private NeuralNetworkClassifier(EarlyUid.Token token) {
        super();
        this.uid = token.take();
        this.params = new TrainingParamSet(this);
    }

    @Override
    public String uid() {
        return uid != null ? uid : EarlyUid.current();
    }

    @Override
    public TrainingParamSet trainingParams() {
        return params;
    }

    @Override
    public NeuralNetworkClassificationModel train(Dataset<?> dataset) {
        LearnedNetwork data = fitNetwork(
                dataset,
                InputValidator.Task.CLASSIFICATION,
                NeuralNetworkClassifier::loss,
                (net, facts) -> checkClasses(net, facts, getLabelCol()));
        return new NeuralNetworkClassificationModel(uid(), data);
    }

    private static Loss loss(NetworkSpec spec) {
        int width = spec.outputShape().size();
        String last = lastActivation(spec);
        if (width == 1 && last.equals("sigmoid")) {
            return new BinaryCrossEntropy();
        }
        if (width >= 2 && last.equals("softmax")) {
            return new SoftmaxCrossEntropy();
        }
        throw new IllegalArgumentException(
                "A classifier network must end in softmax over the classes or in one sigmoid "
                        + "unit, but it ends in " + last + " with " + width
                        + " output(s). Give the last Dense activation \"softmax\" "
                        + "(or units=1 with \"sigmoid\" for a binary task).");
    }

    private static String lastActivation(NetworkSpec spec) {
        var l = spec.layers().get(spec.layers().size() - 1);
        if (l instanceof io.sparknn.nn.Dense d) {
            return d.activation().keyword();
        }
        if (l instanceof io.sparknn.nn.ActivationSpec a) {
            return a.activation().keyword();
        }
        return l.type();
    }

    private static void checkClasses(NetworkSpec spec, InputValidator.Facts facts, String labelCol) {
        int width = spec.outputShape().size();
        int classes = width == 1 ? 2 : width;
        if (facts.numClasses() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has the label " + (long) facts.maxLabel()
                    + ", but class labels must be indices 0..k-1 of k classes, and no network layer can have "
                    + facts.numClasses() + " outputs. Index the classes with StringIndexer.");
        }
        if (facts.maxLabel() >= classes) {
            throw new IllegalArgumentException(
                    "Column '" + labelCol + "' has the class " + (long) facts.maxLabel() + " but the network's "
                            + width + " output(s) give " + classes + " classes (0.." + (classes - 1)
                            + "). Make the last layer have "
                            + (facts.numClasses() == 2
                                    ? "1 sigmoid unit or 2 softmax units"
                                    : facts.numClasses() + " softmax units")
                            + ", or re-index the labels.");
        }
        if (facts.minLabel() == facts.maxLabel()) {
            LOG.warn(
                    "Column '{}' holds only the class {} in all {} row(s): the classifier can only learn to predict "
                            + "that class. Check the filter on the input table and the label column.",
                    labelCol,
                    (long) facts.maxLabel(),
                    facts.rows());
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkInputSchema(schema, InputValidator.Task.CLASSIFICATION);
        StructType out = schema;
        if (!getRawPredictionCol().isEmpty()) {
            out = out.add(getRawPredictionCol(), SQLDataTypes.VectorType(), false);
        }
        if (!getProbabilityCol().isEmpty()) {
            out = out.add(getProbabilityCol(), SQLDataTypes.VectorType(), false);
        }
        if (!getPredictionCol().isEmpty()) {
            out = out.add(getPredictionCol(), DataTypes.DoubleType, false);
        }
        return out;
    }

    @Override
    public NeuralNetworkClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NeuralNetworkClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuralNetworkClassifier load(String path) {
        return read().load(path);
    }
}
