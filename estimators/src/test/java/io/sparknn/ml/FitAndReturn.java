package io.sparknn.ml;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.TestSpark;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.SparkSession;

/**
 * A user's local-mode application: fits a tiny classifier twice on local[2] with two barrier
 * workers (the second fit runs its barrier calls on the timer the first one set up), scores,
 * stops its session and returns from main without System.exit. {@link FitExitTest} runs it in a
 * child JVM, which must then exit by itself.
 */
public final class FitAndReturn {
    private FitAndReturn() {}

    public static void main(String[] args) {
        SparkSession spark = TestSpark.builder("fit-and-return").getOrCreate();
        var data = new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features")
                .transform(Blobs.table(spark, 400, 3, 5));
        NeuralNetworkClassifier classifier = new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(8, Activation.RELU)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setNumWorkers(2)
                .setMaxEpochs(2)
                .setSeed(1);
        classifier.fit(data);
        NeuralNetworkClassificationModel model = classifier.fit(data);
        long scored = model.transform(data).count();
        spark.stop();
        System.out.println("FITTED rows=" + scored);
        // For the test's failure message: what could still hold the JVM once main returns.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t != Thread.currentThread() && t.isAlive()) {
                System.out.println("NON_DAEMON_THREAD " + t.getName());
            }
        }
    }
}
