package io.sparknn.ml.regression;

import io.sparknn.loss.MeanSquaredError;
import io.sparknn.ml.EarlyUid;
import io.sparknn.ml.FittedNetwork;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.NeuralNetworkModel;
import io.sparknn.ml.inference.ScoringFunction;
import io.sparknn.ml.persistence.NetworkModelPersistence;
import io.sparknn.sparkio.FeatureReader;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted neural-network regressor. {@code transform} appends {@code predictionCol}: a double
 * for a network with one output, an ML Vector for several. Scores in mini-batches inside
 * {@code mapPartitions} with the weights broadcast once.
 */
public final class NeuralNetworkRegressionModel extends RegressionModel<Vector, NeuralNetworkRegressionModel>
        implements MLWritable, NeuralNetworkModel<NeuralNetworkRegressionModel> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final FittedNetwork fitted;

    /**
     * An empty model with a fresh uid, for Spark Connect ML's service discovery (META-INF/services:
     * ServiceLoader instantiates every registered class); it cannot transform until loaded.
     */
    public NeuralNetworkRegressionModel() {
        this(Identifiable$.MODULE$.randomUID("nnRegressionModel"));
    }

    /** An empty model with this uid (for Spark's reflection); it cannot transform until loaded. */
    public NeuralNetworkRegressionModel(String uid) {
        this(EarlyUid.pending(uid), null);
    }

    public NeuralNetworkRegressionModel(String uid, LearnedNetwork data) {
        this(EarlyUid.pending(uid), data);
    }

    private NeuralNetworkRegressionModel(EarlyUid.Token token, LearnedNetwork data) {
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

    /** Number of outputs (1 for a scalar prediction). */
    public int numOutputs() {
        return fitted.numOutputs();
    }

    @Override
    public int numFeatures() {
        return fitted.numFeatures();
    }

    /** The first output for one row (all outputs: {@link #transform}). */
    @Override
    public double predict(Vector features) {
        return fitted.predict(features, MeanSquaredError::new)[0];
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
                fitted.nullableOutputs());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        if (getPredictionCol().isEmpty()) {
            return dataset.toDF();
        }
        return fitted.score(
                dataset,
                out,
                getFeaturesCol(),
                ScoringFunction.Output.REGRESSOR,
                new boolean[] {false, false, true},
                null);
    }

    @Override
    public NeuralNetworkRegressionModel copy(ParamMap extra) {
        return copyValues(new NeuralNetworkRegressionModel(uid, fitted.dataOrNull()), extra)
                .setParent(parent());
    }

    @Override
    public MLWriter write() {
        return fitted.writer();
    }

    public static MLReader<NeuralNetworkRegressionModel> read() {
        return NetworkModelPersistence.reader(NeuralNetworkRegressionModel.class, NeuralNetworkRegressionModel::new);
    }

    public static NeuralNetworkRegressionModel load(String path) {
        return read().load(path);
    }
}
