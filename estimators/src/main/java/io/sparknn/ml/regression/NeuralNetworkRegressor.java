package io.sparknn.ml.regression;

import io.sparknn.loss.MeanSquaredError;
import io.sparknn.ml.EarlyUid;
import io.sparknn.ml.training.InputValidator;
import io.sparknn.ml.training.NetworkFitter;
import io.sparknn.ml.training.NeuralNetworkEstimator;
import io.sparknn.ml.training.TrainingParamSet;
import io.sparknn.nn.NetworkSpec;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A neural-network regressor (mean squared error) for Spark ML pipelines, trained like
 * {@link io.sparknn.ml.classification.NeuralNetworkClassifier}. A network with k > 1 outputs
 * takes an array label column of k numbers (multi-output regression).
 */
public final class NeuralNetworkRegressor
        extends Regressor<Vector, NeuralNetworkRegressor, NeuralNetworkRegressionModel>
        implements NeuralNetworkEstimator<NeuralNetworkRegressor>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainingParamSet params;

    public NeuralNetworkRegressor() {
        this(Identifiable$.MODULE$.randomUID("nnRegressor"));
    }

    public NeuralNetworkRegressor(String uid) {
        this(EarlyUid.pending(uid));
    }

    private NeuralNetworkRegressor(EarlyUid.Token token) {
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

    /** Multi-output labels are arrays, which Predictor.fit would try to cast to double. */
    @Override
    public NeuralNetworkRegressionModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return copyValues(train(dataset).setParent(this), ParamMap.empty());
    }

    @Override
    public NeuralNetworkRegressionModel train(Dataset<?> dataset) {
        return new NeuralNetworkRegressionModel(
                uid(),
                fitNetwork(
                        dataset,
                        InputValidator.Task.REGRESSION,
                        spec -> new MeanSquaredError(),
                        (net, facts) -> checkOutputs(net, facts, getLabelCol())));
    }

    private static void checkOutputs(NetworkSpec spec, InputValidator.Facts facts, String labelCol) {
        int width = spec.outputShape().size();
        if (facts.labelWidth() != width) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has " + facts.labelWidth()
                    + " value(s) per row but the " + "network has " + width + " output(s). Make the last layer have "
                    + facts.labelWidth() + " units.");
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkInputSchema(schema, InputValidator.Task.REGRESSION);
        if (getPredictionCol().isEmpty()) {
            return schema;
        }
        int outputs = NetworkFitter.network(this).outputShape().size();
        return schema.add(getPredictionCol(), outputs == 1 ? DataTypes.DoubleType : SQLDataTypes.VectorType(), false);
    }

    @Override
    public NeuralNetworkRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NeuralNetworkRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuralNetworkRegressor load(String path) {
        return read().load(path);
    }
}
