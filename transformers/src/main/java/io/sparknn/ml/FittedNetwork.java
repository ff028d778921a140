package io.sparknn.ml;

import io.sparknn.loss.Loss;
import io.sparknn.ml.inference.BatchSizeLimit;
import io.sparknn.ml.inference.NonFiniteOutput;
import io.sparknn.ml.inference.RowPredictor;
import io.sparknn.ml.inference.ScoringFunction;
import io.sparknn.ml.persistence.NetworkModelPersistence;
import io.sparknn.sparkio.FeatureReader;
import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The part the classification and the regression model share, each holding one: the scoring
 * params (declared on the model, so their names and uids stay the model's), the learned data,
 * one-row prediction and batch scoring in {@code mapPartitions}, and the writer. The models keep
 * their Spark base classes, which MLlib's evaluators and tuning rely on, and add only their head.
 */
public final class FittedNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NeuralNetworkModel<?> owner;
    private final LearnedNetwork data;
    private final IntParam inferenceBatchSize;
    private final Param<String> nonFiniteOutput;
    /** Networks reused by one-row prediction, built on first use (not serialized: each copy builds its own). */
    private transient volatile RowPredictor rows;

    /** Declares the scoring params on {@code owner} with their defaults; call from its constructor. */
    public FittedNetwork(NeuralNetworkModel<?> owner, LearnedNetwork data) {
        this.owner = owner;
        this.data = data;
        this.inferenceBatchSize = new IntParam(
                owner,
                "inferenceBatchSize",
                "rows scored together in one batch of GEMMs by transform (> 0)",
                ParamValidators.gt(0));
        owner.setDefault(inferenceBatchSize, 512);
        this.nonFiniteOutput = NonFiniteOutput.param(owner);
        owner.setDefault(nonFiniteOutput, NonFiniteOutput.ERROR);
    }

    public IntParam inferenceBatchSize() {
        return inferenceBatchSize;
    }

    public Param<String> nonFiniteOutput() {
        return nonFiniteOutput;
    }

    /** The data as given, or null for a model made empty for loading. */
    public LearnedNetwork dataOrNull() {
        return data;
    }

    public LearnedNetwork data() {
        if (data == null) {
            String type = owner.getClass().getSimpleName();
            throw new IllegalStateException(
                    "Model " + owner.uid() + " has no network; load it with " + type + ".load(path)");
        }
        return data;
    }

    public int numFeatures() {
        return data().spec().inputShape().size();
    }

    public int numOutputs() {
        return data().spec().outputShape().size();
    }

    /** The network's outputs for one row, checked against {@code nonFiniteOutput}. */
    public float[] predict(Vector features, Supplier<Loss> loss) {
        float[] x = new float[numFeatures()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features.apply(i);
        }
        RowPredictor r = rows;
        if (r == null) { // two racing threads may each build one; either is fine
            LearnedNetwork d = data();
            r = new RowPredictor(d.spec(), d.weights(), d.state(), loss.get());
            rows = r;
        }
        float[] out = r.predict(x);
        NonFiniteOutput.check(out, owner.getNonFiniteOutput());
        return out;
    }

    /** Whether the output columns may hold nulls (rows with non-finite outputs). */
    public boolean nullableOutputs() {
        return NonFiniteOutput.nulls(owner.getNonFiniteOutput());
    }

    /**
     * Scores in mini-batches inside {@code mapPartitions}, never row by row, with the weights
     * broadcast once; {@code emit} says which of rawPrediction, probability, prediction to append.
     */
    public Dataset<Row> score(
            Dataset<?> dataset,
            StructType out,
            String featuresCol,
            ScoringFunction.Output output,
            boolean[] emit,
            double[] thresholds) {
        BatchSizeLimit.check("inferenceBatchSize", owner.getInferenceBatchSize(), data().spec());
        Broadcast<byte[]> model = dataset.sparkSession()
                .sparkContext()
                .broadcast(data().toBytes(), scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        ScoringFunction fn = new ScoringFunction(
                model,
                output,
                dataset.schema().fieldIndex(featuresCol),
                new FeatureReader(featuresCol, numFeatures()),
                owner.getInferenceBatchSize(),
                emit,
                thresholds,
                nullableOutputs());
        return dataset.toDF().mapPartitions(fn, Encoders.row(out));
    }

    public MLWriter writer() {
        return NetworkModelPersistence.writer(owner, data());
    }
}
