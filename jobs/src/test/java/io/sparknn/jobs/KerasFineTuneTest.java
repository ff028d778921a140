package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.keras.KerasFixture;
import io.sparknn.keras.KerasModelImporter;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.model.SavedNetwork;
import io.sparknn.testkit.FashionFrames;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning a Keras-pretrained CNN ({@code pretrained_cnn.keras}: two convolutions trained two
 * epochs in Keras on Fashion-MNIST images from index 2,000 on) on 2 workers, with its
 * convolutions frozen, beats the same network trained from scratch the same way on the first
 * 2,000 labelled images: test accuracy on the 1,000 test images of the subset.
 */
class KerasFineTuneTest {
    private static final int LABELLED = 2_000;
    private static final int[] CONVOLUTIONS = {0, 2}; // Conv2D, MaxPooling2D, Conv2D, MaxPooling2D, ...

    @TempDir
    static Path dir;

    @Test
    void fineTunedKerasCnnWithFrozenConvolutionsBeatsTrainingFromScratch() throws Exception {
        SparkSession spark = TestSpark.session();
        Path from = KerasFixture.copy("pretrained_cnn.keras", Files.createDirectories(dir.resolve("files")));
        String model = dir.resolve("models/pretrained").toString();
        ScoringFixture.Run imported = ScoringFixture.cli("import", "--from", from.toString(), "--out", model);
        assertEquals(0, imported.code(), imported.err());
        SavedNetwork keras = KerasModelImporter.read(from);
        String network = keras.spec().toJson();
        for (int layer : CONVOLUTIONS) {
            assertEquals("Conv2D", keras.spec().layers().get(layer).type(), "layer " + layer);
        }

        Dataset<Row> train = FashionFrames.frame(spark, FashionFrames.load("train", LABELLED));
        Dataset<Row> test = FashionFrames.frame(spark, FashionFrames.load("t10k", 1_000));
        NeuralNetworkClassificationModel tuned = classifier(network)
                .setInitialModelPath(model)
                .setFrozenLayers(CONVOLUTIONS)
                .fit(train);
        NeuralNetworkClassificationModel scratch = classifier(network).fit(train);

        int frozen = keras.spec().paramRangesOfLayers(2)[1]; // layers 0..2: both convolutions' weights
        float[] after = tuned.fitted().data().weights();
        assertArrayEquals(Arrays.copyOf(keras.weights(), frozen), Arrays.copyOf(after, frozen), "convolutions kept");
        double fineTuned = accuracy(tuned, test);
        double fromScratch = accuracy(scratch, test);
        System.out.printf("fine-tuned %.4f, from scratch %.4f%n", fineTuned, fromScratch);
        assertTrue(
                fineTuned > fromScratch,
                "fine-tuned accuracy " + fineTuned + " must beat training from scratch: " + fromScratch);
    }

    private static NeuralNetworkClassifier classifier(String network) {
        return new NeuralNetworkClassifier()
                .setNetwork(network)
                .setMaxEpochs(2)
                .setBatchSize(64)
                .setNumWorkers(2)
                .setSeed(7);
    }

    private static double accuracy(NeuralNetworkClassificationModel m, Dataset<Row> test) {
        Dataset<Row> scored = m.transform(test);
        return scored.filter("prediction = label").count() / (double) scored.count();
    }
}
