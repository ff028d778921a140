package io.sparknn.ml.classification;

import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.ml.EarlyUid;
import io.sparknn.ml.NetworkModelData;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.ml.inference.BatchSizeLimit;
import io.sparknn.ml.inference.FeatureReader;
import io.sparknn.ml.inference.NonFiniteOutput;
import io.sparknn.ml.inference.RowPredictor;
import io.sparknn.ml.inference.ScoringFunction;
import io.sparknn.ml.persistence.NetworkModelIO;
import io.sparknn.nn.NetworkSpec;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
        extends ProbabilisticClassificationModel<Vector, NeuralNetworkClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NetworkModelData data;
    private final IntParam inferenceBatchSize;
    private final Param<String> nonFiniteOutput;
    /** Networks reused by predictRaw, built on first use (not serialized: each copy builds its own). */
    private transient volatile RowPredictor rows;

    /** An empty model with this uid (for Spark's reflection); it cannot transform until loaded. */
    public NeuralNetworkClassificationModel(String uid) {
        this(EarlyUid.pending(uid), null);
    }

    public NeuralNetworkClassificationModel(String uid, NetworkModelData data) {
        this(EarlyUid.pending(uid), data);
    }

    private NeuralNetworkClassificationModel(EarlyUid.Token token, NetworkModelData data) {
        super();
        this.uid = token.take();
        this.data = data;
        this.inferenceBatchSize = new IntParam(
                this,
                "inferenceBatchSize",
                "rows scored together in one batch of GEMMs by transform (> 0)",
                ParamValidators.gt(0));
        setDefault(inferenceBatchSize, 512);
        this.nonFiniteOutput = NonFiniteOutput.param(this);
        setDefault(nonFiniteOutput, NonFiniteOutput.ERROR);
    }

    @Override
    public String uid() {
        return uid != null ? uid : EarlyUid.current();
    }

    public IntParam inferenceBatchSize() {
        return inferenceBatchSize;
    }

    public int getInferenceBatchSize() {
        return (Integer) $(inferenceBatchSize);
    }

    public NeuralNetworkClassificationModel setInferenceBatchSize(int value) {
        return (NeuralNetworkClassificationModel) set(inferenceBatchSize, value);
    }

    /** What transform does with a row whose output is NaN or infinite: "error" (default) or "null". */
    public Param<String> nonFiniteOutput() {
        return nonFiniteOutput;
    }

    public String getNonFiniteOutput() {
        return $(nonFiniteOutput);
    }

    public NeuralNetworkClassificationModel setNonFiniteOutput(String value) {
        return (NeuralNetworkClassificationModel) set(nonFiniteOutput, value);
    }

    /** The network, its weights and the training summary. */
    public NetworkModelData data() {
        if (data == null) {
            throw new IllegalStateException(
                    "Model " + uid + " has no network; load it with NeuralNetworkClassificationModel.load(path)");
        }
        return data;
    }

    public NetworkSpec network() {
        return data().spec();
    }

    public TrainingSummary summary() {
        return data().summary();
    }

    private boolean sigmoidOutput() {
        return network().outputShape().size() == 1;
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
        int width = network().outputShape().size();
        return width == 1 ? 2 : width;
    }

    @Override
    public int numFeatures() {
        return network().inputShape().size();
    }

    @Override
    public Vector predictRaw(Vector features) {
        float[] x = new float[numFeatures()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features.apply(i);
        }
        float[] out = rows().predict(x);
        NonFiniteOutput.check(out, getNonFiniteOutput());
        if (sigmoidOutput()) {
            return Vectors.dense(-out[0], out[0]);
        }
        double[] raw = new double[out.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = out[i];
        }
        return Vectors.dense(raw);
    }

    private RowPredictor rows() {
        RowPredictor r = rows;
        if (r == null) { // two racing threads may each build one; either is fine
            NetworkModelData d = data();
            r = new RowPredictor(
                    d.spec(),
                    d.weights(),
                    d.state(),
                    sigmoidOutput() ? new BinaryCrossEntropy() : new SoftmaxCrossEntropy());
            rows = r;
        }
        return r;
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (sigmoidOutput()) {
            double p = 1 / (1 + Math.exp(-v[1]));
            v[0] = 1 - p;
            v[1] = p;
            return rawPrediction;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return rawPrediction;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureReader.check(schema, getFeaturesCol());
        StructType out = schema;
        boolean nullable = NonFiniteOutput.nulls(getNonFiniteOutput());
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
        BatchSizeLimit.check("inferenceBatchSize", getInferenceBatchSize(), network());
        Broadcast<byte[]> model = dataset.sparkSession()
                .sparkContext()
                .broadcast(data().toBytes(), scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        ScoringFunction fn = new ScoringFunction(
                model,
                sigmoidOutput() ? ScoringFunction.Output.SIGMOID_CLASSIFIER : ScoringFunction.Output.SOFTMAX_CLASSIFIER,
                dataset.schema().fieldIndex(getFeaturesCol()),
                new FeatureReader(getFeaturesCol(), numFeatures()),
                getInferenceBatchSize(),
                new boolean[] {
                    !getRawPredictionCol().isEmpty(),
                    !getProbabilityCol().isEmpty(),
                    !getPredictionCol().isEmpty()
                },
                thresholds,
                NonFiniteOutput.nulls(getNonFiniteOutput()));
        return dataset.toDF().mapPartitions(fn, Encoders.row(out));
    }

    @Override
    public NeuralNetworkClassificationModel copy(ParamMap extra) {
        NeuralNetworkClassificationModel copied = new NeuralNetworkClassificationModel(uid, data);
        return copyValues(copied, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return NetworkModelIO.writer(this, data());
    }

    public static MLReader<NeuralNetworkClassificationModel> read() {
        return NetworkModelIO.reader(NeuralNetworkClassificationModel.class, NeuralNetworkClassificationModel::new);
    }

    public static NeuralNetworkClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "NeuralNetworkClassificationModel: uid=" + uid + ", numClasses=" + (data == null ? "?" : numClasses())
                + ", numFeatures=" + (data == null ? "?" : numFeatures());
    }
}
