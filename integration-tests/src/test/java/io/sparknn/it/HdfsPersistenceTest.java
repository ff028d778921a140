package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fitted pipeline with a NeuralNetworkClassifier stage saved to and loaded from HDFS (a
 * MiniDFSCluster): the model file is written through Hadoop's FileSystem API, and the loaded
 * pipeline carries the same weights and predicts exactly what the saved one did.
 */
@ExtendWith(SparkExtension.class)
class HdfsPersistenceTest {
    @TempDir
    static Path dir;

    static MiniDfs dfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        dfs = MiniDfs.start(dir.resolve("dfs"));
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.close();
        }
    }

    @Test
    void pipelineModelRoundTripsThroughHdfs(SparkSession spark) throws IOException {
        Dataset<Row> df = Blobs.table(spark, 200, 3, 25);
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features");
        NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(6, Activation.TANH)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setMaxEpochs(2)
                .setBatchSize(32)
                .setSeed(9);
        PipelineModel model =
                new Pipeline().setStages(new PipelineStage[] {assembler, nn}).fit(df);

        String path = dfs.uri() + "/models/p1";
        model.write().save(path);
        org.apache.hadoop.fs.Path modelFile =
                new org.apache.hadoop.fs.Path(path + "/stages/1_" + model.stages()[1].uid() + "/data/model.spnn");
        assertTrue(dfs.fileSystem().exists(modelFile), modelFile + " must be on HDFS");

        PipelineModel back = PipelineModel.load(path);
        assertEquals(model.stages()[1].uid(), back.stages()[1].uid());
        NeuralNetworkClassificationModel loaded = assertInstanceOf(
                NeuralNetworkClassificationModel.class, back.stages()[1], "stage 1 of the loaded pipeline");
        LearnedNetwork saved = ((NeuralNetworkClassificationModel) model.stages()[1]).data();
        assertEquals(saved.spec(), loaded.data().spec());
        assertArrayEquals(saved.weights(), loaded.data().weights());
        assertEquals(saved.summary().history(), loaded.data().summary().history());
        assertEquals(
                model.transform(df)
                        .select("rawPrediction", "probability", "prediction")
                        .collectAsList(),
                back.transform(df)
                        .select("rawPrediction", "probability", "prediction")
                        .collectAsList(),
                "a pipeline loaded from HDFS must predict exactly what the saved one did");
    }
}
