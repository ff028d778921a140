package io.sparknn.ml.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each scoring task closes its network: batches of at most 128 rows run on oneDNN primitives
 * (this module's surefire sets OMP_NUM_THREADS=1), and after many transforms none is left live
 * in the process-wide backend, whether a partition was read to its end or cut short by limit.
 */
@ExtendWith(SparkExtension.class)
class ScoringTaskNativeMemoryTest {
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    @Test
    void transformsLeaveNoLivePrimitives() {
        NetworkSpec spec = NetworkSpec.builder(1, 8, 8)
                .conv2d(4, 3, Activation.RELU)
                .flatten()
                .dense(3, Activation.SOFTMAX)
                .build();
        NeuralNetworkClassificationModel model;
        try (Network net = Network.create(spec, Backends.getDefault(), 1)) {
            model = new NeuralNetworkClassificationModel(
                    "nn-scoring-memory",
                    new LearnedNetwork(spec, net.params(), new TrainingSummary(List.of(), Map.of())));
        }
        model.setInferenceBatchSize(100); // 150 rows per partition: a full batch and a short one of 50
        Dataset<Row> rows = images(300).repartition(2);
        int before = Backends.getDefault().liveConvolutions();
        for (int i = 0; i < 5; i++) {
            assertEquals(300, model.transform(rows).collectAsList().size());
            assertEquals(10, model.transform(rows).limit(10).collectAsList().size());
        }
        assertTrue(
                Backends.getDefault().version().contains("oneDNN"),
                "the test needs oneDNN convolutions: " + Backends.getDefault().version());
        assertEquals(before, Backends.getDefault().liveConvolutions(), "primitives left live by scoring tasks");
    }

    private static Dataset<Row> images(int n) {
        SplittableRandom r = new SplittableRandom(5);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[64];
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextDouble();
            }
            out.add(RowFactory.create(Vectors.dense(v)));
        }
        return spark.createDataFrame(out, new StructType().add("features", SQLDataTypes.VectorType()));
    }
}
