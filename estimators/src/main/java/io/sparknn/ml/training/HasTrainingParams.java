package io.sparknn.ml.training;

import io.sparknn.nn.NetworkSpec;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The training params of the neural-network estimators as Spark {@code Param}s: public param
 * methods (which Spark finds by reflection, so {@code ParamGridBuilder}, {@code CrossValidator}
 * and persistence see them), getters, and fluent setters returning the estimator's own type.
 *
 * @param <T> the estimator
 */
@SuppressWarnings("unchecked")
public interface HasTrainingParams<T extends HasTrainingParams<T>> extends Params {

    /** The owner's param objects. */
    TrainingParamSet trainingParams();

    default Param<String> network() {
        return trainingParams().network;
    }

    default String getNetwork() {
        return getOrDefault(network());
    }

    default T setNetwork(String value) {
        return (T) set(network(), value);
    }

    default Param<String> optimizer() {
        return trainingParams().optimizer;
    }

    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    default T setOptimizer(String value) {
        return (T) set(optimizer(), value);
    }

    default DoubleParam learningRate() {
        return trainingParams().learningRate;
    }

    default double getLearningRate() {
        return (Double) getOrDefault(learningRate());
    }

    default T setLearningRate(double value) {
        return (T) set(learningRate(), value);
    }

    default IntParam batchSize() {
        return trainingParams().batchSize;
    }

    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    default T setBatchSize(int value) {
        return (T) set(batchSize(), value);
    }

    default IntParam maxEpochs() {
        return trainingParams().maxEpochs;
    }

    default int getMaxEpochs() {
        return (Integer) getOrDefault(maxEpochs());
    }

    default T setMaxEpochs(int value) {
        return (T) set(maxEpochs(), value);
    }

    default DoubleParam validationFraction() {
        return trainingParams().validationFraction;
    }

    default double getValidationFraction() {
        return (Double) getOrDefault(validationFraction());
    }

    default T setValidationFraction(double value) {
        return (T) set(validationFraction(), value);
    }

    default Param<String> validationIndicatorCol() {
        return trainingParams().validationIndicatorCol;
    }

    default String getValidationIndicatorCol() {
        return getOrDefault(validationIndicatorCol());
    }

    default T setValidationIndicatorCol(String value) {
        return (T) set(validationIndicatorCol(), value);
    }

    default IntParam earlyStoppingPatience() {
        return trainingParams().earlyStoppingPatience;
    }

    default int getEarlyStoppingPatience() {
        return (Integer) getOrDefault(earlyStoppingPatience());
    }

    default T setEarlyStoppingPatience(int value) {
        return (T) set(earlyStoppingPatience(), value);
    }

    default LongParam seed() {
        return trainingParams().seed;
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default T setSeed(long value) {
        return (T) set(seed(), value);
    }

    default IntParam numWorkers() {
        return trainingParams().numWorkers;
    }

    default int getNumWorkers() {
        return (Integer) getOrDefault(numWorkers());
    }

    default T setNumWorkers(int value) {
        return (T) set(numWorkers(), value);
    }

    default IntParam threadsPerWorker() {
        return trainingParams().threadsPerWorker;
    }

    default int getThreadsPerWorker() {
        return (Integer) getOrDefault(threadsPerWorker());
    }

    default T setThreadsPerWorker(int value) {
        return (T) set(threadsPerWorker(), value);
    }

    default Param<String> checkpointDir() {
        return trainingParams().checkpointDir;
    }

    default String getCheckpointDir() {
        return getOrDefault(checkpointDir());
    }

    default T setCheckpointDir(String value) {
        return (T) set(checkpointDir(), value);
    }

    default IntParam checkpointInterval() {
        return trainingParams().checkpointInterval;
    }

    default int getCheckpointInterval() {
        return (Integer) getOrDefault(checkpointInterval());
    }

    default T setCheckpointInterval(int value) {
        return (T) set(checkpointInterval(), value);
    }

    default Param<String> initialModelPath() {
        return trainingParams().initialModelPath;
    }

    default String getInitialModelPath() {
        return getOrDefault(initialModelPath());
    }

    default T setInitialModelPath(String value) {
        return (T) set(initialModelPath(), value);
    }

    default IntArrayParam frozenLayers() {
        return trainingParams().frozenLayers;
    }

    default int[] getFrozenLayers() {
        return getOrDefault(frozenLayers());
    }

    default T setFrozenLayers(int[] value) {
        return (T) set(frozenLayers(), value);
    }

    default Param<String> weightCol() {
        return trainingParams().weightCol;
    }

    default String getWeightCol() {
        return getOrDefault(weightCol());
    }

    default T setWeightCol(String value) {
        return (T) set(weightCol(), value);
    }

    default DoubleParam gradientClipNorm() {
        return trainingParams().gradientClipNorm;
    }

    default double getGradientClipNorm() {
        return (Double) getOrDefault(gradientClipNorm());
    }

    default T setGradientClipNorm(double value) {
        return (T) set(gradientClipNorm(), value);
    }

    default Param<String> provenance() {
        return trainingParams().provenance;
    }

    default String getProvenance() {
        return getOrDefault(provenance());
    }

    default T setProvenance(String value) {
        return (T) set(provenance(), value);
    }

    default Param<String> tensorboardDir() {
        return trainingParams().tensorboardDir;
    }

    default String getTensorboardDir() {
        return getOrDefault(tensorboardDir());
    }

    default T setTensorboardDir(String value) {
        return (T) set(tensorboardDir(), value);
    }

    /** Sets {@link #network()} from a spec. */
    default T setNetwork(NetworkSpec spec) {
        return setNetwork(spec.toJson());
    }
}
