package io.sparknn.ml.classification;

import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.Loss;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.ml.EarlyUid;
import io.sparknn.ml.FittedNetwork;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.NeuralNetworkModel;
import io.sparknn.ml.inference.Predictions;
import io.sparknn.ml.inference.ScoringFunction;
import io.sparknn.ml.persistence.NetworkModelPersistence;
import io.sparknn.sparkio.FeatureReader;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted neural-network classifier. {@code transform} appends {@code rawPredictionCol}
 * (logits), {@code probabilityCol} and {@code predictionCol}, as MLlib's probabilistic
 * classifiers do, scoring each partition in mini-batches of {@link #inferenceBatchSize()} rows
 * with the weights broadcast once. A network ending in softmax over k units gives k classes; one
 * ending in a single sigmoid unit gives 2 classes.
 */
public final class NeuralNetworkClassificationModel
        extends ProbabilisticClassificationModel<Vector, NeuralNetworkClassificationModel>
        implements MLWritable, NeuralNetworkModel<NeuralNetworkClassificationModel> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final FittedNetwork fitted;

    /**
     * An empty model with a fresh uid, for Spark Connect ML's service discovery (META-INF/services:
     * ServiceLoader instantiates every registered class); it cannot transform until loaded.
     */
    public NeuralNetworkClassificationModel() {
        this(Identifiable$.MODULE$.randomUID("nnClassificationModel"));
    }

    /** An empty model with this uid (for Spark's reflection); it cannot transform until loaded. */
    public NeuralNetworkClassificationModel(String uid) {
        this(EarlyUid.pending(uid), null);
    }

    public NeuralNetworkClassificationModel(String uid, LearnedNetwork data) {
        this(EarlyUid.pending(uid), data);
    }

    private NeuralNetworkClassificationModel(EarlyUid.Token token, LearnedNetwork data) {
        super();
        this.uid = token.take();
        this.fitted = new FittedNetwork(this, data);
    }

    @Override
    public String uid() {
        return uid != null ? uid : EarlyUid.current();
    }

    @Override
    public FittedNetwork fitted() {
        return fitted;
    }

    private boolean sigmoidOutput() {
        return fitted.numOutputs() == 1;
    }

    /**
     * Spark inherits this from two Scala traits with result types Java sees as unrelated; one
     * raw-typed override resolves the clash for javac and keeps Spark's behaviour.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public int numClasses() {
        int width = fitted.numOutputs();
        return width == 1 ? 2 : width;
    }

    @Override
    public int numFeatures() {
        return fitted.numFeatures();
    }

    @Override
    public Vector predictRaw(Vector features) {
        float[] out = fitted.predict(features, this::rowLoss);
        if (sigmoidOutput()) {
            return Vectors.dense(-out[0], out[0]);
        }
        double[] raw = new double[out.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = out[i];
        }
        return Vectors.dense(raw);
    }

    private Loss rowLoss() {
        return sigmoidOutput() ? new BinaryCrossEntropy() : new SoftmaxCrossEntropy();
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (sigmoidOutput()) {
            Predictions.sigmoid(v[1], v);
        } else {
            Predictions.softmax(v, v);
        }
        return rawPrediction;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureReader.check(schema, getFeaturesCol());
        StructType out = schema;
        boolean nullable = fitted.nullableOutputs();
        if (!getRawPredictionCol().isEmpty()) {
            out = out.add(getRawPredictionCol(), SQLDataTypes.VectorType(), nullable);
        }
        if (!getProbabilityCol().isEmpty()) {
            out = out.add(getProbabilityCol(), SQLDataTypes.VectorType(), nullable);
        }
        if (!getPredictionCol().isEmpty()) {
            out = out.add(getPredictionCol(), DataTypes.DoubleType, nullable);
        }
        return out;
    }

    /** Scores in mini-batches inside {@code mapPartitions}; never row by row. */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        return fitted.score(
                dataset,
                out,
                getFeaturesCol(),
                sigmoidOutput() ? ScoringFunction.Output.SIGMOID_CLASSIFIER : ScoringFunction.Output.SOFTMAX_CLASSIFIER,
                new boolean[] {
                    !getRawPredictionCol().isEmpty(),
                    !getProbabilityCol().isEmpty(),
                    !getPredictionCol().isEmpty()
                },
                isDefined(thresholds()) ? getThresholds() : null);
    }

    @Override
    public NeuralNetworkClassificationModel copy(ParamMap extra) {
        NeuralNetworkClassificationModel copied = new NeuralNetworkClassificationModel(uid, fitted.dataOrNull());
        return copyValues(copied, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return fitted.writer();
    }

    public static MLReader<NeuralNetworkClassificationModel> read() {
        return NetworkModelPersistence.reader(
                NeuralNetworkClassificationModel.class, NeuralNetworkClassificationModel::new);
    }

    public static NeuralNetworkClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        boolean empty = fitted.dataOrNull() == null;
        return "NeuralNetworkClassificationModel: uid=" + uid + ", numClasses=" + (empty ? "?" : numClasses())
                + ", numFeatures=" + (empty ? "?" : numFeatures());
    }
}
