package io.sparknn.ml.regression;

import io.sparknn.loss.MeanSquaredError;
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
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted neural-network regressor. {@code transform} appends {@code predictionCol}: a double
 * for a network with one output, an ML Vector for several. Scores in mini-batches inside
 * {@code mapPartitions} with the weights broadcast once.
 */
public final class NeuralNetworkRegressionModel extends RegressionModel<Vector, NeuralNetworkRegressionModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NetworkModelData data;
    /** Networks reused by predict, built on first use (not serialized: each copy builds its own). */
    private transient volatile RowPredictor rows;

    private final IntParam inferenceBatchSize;
    private final Param<String> nonFiniteOutput;

    /** An empty model with this uid (for Spark's reflection); it cannot transform until loaded. */
    public NeuralNetworkRegressionModel(String uid) {
        this(EarlyUid.pending(uid), null);
    }

    public NeuralNetworkRegressionModel(String uid, NetworkModelData data) {
        this(EarlyUid.pending(uid), data);
    }

    private NeuralNetworkRegressionModel(EarlyUid.Token token, NetworkModelData data) {
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

    public NeuralNetworkRegressionModel setInferenceBatchSize(int value) {
        return (NeuralNetworkRegressionModel) set(inferenceBatchSize, value);
    }

    /** What transform does with a row whose output is NaN or infinite: "error" (default) or "null". */
    public Param<String> nonFiniteOutput() {
        return nonFiniteOutput;
    }

    public String getNonFiniteOutput() {
        return $(nonFiniteOutput);
    }

    public NeuralNetworkRegressionModel setNonFiniteOutput(String value) {
        return (NeuralNetworkRegressionModel) set(nonFiniteOutput, value);
    }

    public NetworkModelData data() {
        if (data == null) {
            throw new IllegalStateException(
                    "Model " + uid + " has no network; load it with NeuralNetworkRegressionModel.load(path)");
        }
        return data;
    }

    public NetworkSpec network() {
        return data().spec();
    }

    public TrainingSummary summary() {
        return data().summary();
    }

    /** Number of outputs (1 for a scalar prediction). */
    public int numOutputs() {
        return network().outputShape().size();
    }

    @Override
    public int numFeatures() {
        return network().inputShape().size();
    }

    /** The first output for one row (all outputs: {@link #transform}). */
    @Override
    public double predict(Vector features) {
        float[] x = new float[numFeatures()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features.apply(i);
        }
        RowPredictor r = rows;
        if (r == null) { // two racing threads may each build one; either is fine
            r = new RowPredictor(data().spec(), data().weights(), data().state(), new MeanSquaredError());
            rows = r;
        }
        float[] out = r.predict(x);
        NonFiniteOutput.check(out, getNonFiniteOutput());
        return out[0];
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureReader.check(schema, getFeaturesCol());
        if (getPredictionCol().isEmpty()) {
            return schema;
        }
        return schema.add(
                getPredictionCol(),
                numOutputs() == 1 ? DataTypes.DoubleType : SQLDataTypes.VectorType(),
                NonFiniteOutput.nulls(getNonFiniteOutput()));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        if (getPredictionCol().isEmpty()) {
            return dataset.toDF();
        }
        BatchSizeLimit.check("inferenceBatchSize", getInferenceBatchSize(), network());
        Broadcast<byte[]> model = dataset.sparkSession()
                .sparkContext()
                .broadcast(data().toBytes(), scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        ScoringFunction fn = new ScoringFunction(
                model,
                ScoringFunction.Output.REGRESSOR,
                dataset.schema().fieldIndex(getFeaturesCol()),
                new FeatureReader(getFeaturesCol(), numFeatures()),
                getInferenceBatchSize(),
                new boolean[] {false, false, true},
                null,
                NonFiniteOutput.nulls(getNonFiniteOutput()));
        return dataset.toDF().mapPartitions(fn, Encoders.row(out));
    }

    @Override
    public NeuralNetworkRegressionModel copy(ParamMap extra) {
        return copyValues(new NeuralNetworkRegressionModel(uid, data), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return NetworkModelIO.writer(this, data());
    }

    public static MLReader<NeuralNetworkRegressionModel> read() {
        return NetworkModelIO.reader(NeuralNetworkRegressionModel.class, NeuralNetworkRegressionModel::new);
    }

    public static NeuralNetworkRegressionModel load(String path) {
        return read().load(path);
    }
}
