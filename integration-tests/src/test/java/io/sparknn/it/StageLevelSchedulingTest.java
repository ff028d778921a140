package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.spark.DistributedOptions;
import io.sparknn.distributed.spark.DistributedTrainer;
import io.sparknn.distributed.spark.DistributedTrainingResult;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.FashionFrames;
import io.sparknn.train.TrainingConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Workers with two math threads each on executors with two cores and spark.task.cpus=1: the
 * training stage must request two CPUs per task through stage-level scheduling, so each executor
 * runs one worker (never two workers' four threads on two cores).
 */
class StageLevelSchedulingTest {

    @Test
    void twoThreadWorkersGetTwoCpusEachOnSeparateExecutors() throws Exception {
        SparkSession spark = LocalCluster.start(2, 2, "spark-nn-stage-level");
        try {
            SparkConf conf = spark.sparkContext().getConf();
            assertEquals(1, conf.getInt("spark.task.cpus", 1));
            Set<Integer> profiledStages = ConcurrentHashMap.newKeySet();
            Set<String> tasks = ConcurrentHashMap.newKeySet(); // stage:executor
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onStageSubmitted(SparkListenerStageSubmitted e) {
                    if (e.stageInfo().resourceProfileId() != 0) { // not the default profile
                        profiledStages.add(e.stageInfo().stageId());
                    }
                }

                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                    tasks.add(e.stageId() + ":" + e.taskInfo().executorId());
                }
            });
            LabeledSamples train = FashionFrames.load("train", 2000);
            NetworkSpec mlp = NetworkSpec.builder(784)
                    .dense(64, Activation.RELU)
                    .dense(10, Activation.SOFTMAX)
                    .build();
            TrainingConfig cfg = TrainingConfig.builder()
                    .batchSize(64)
                    .epochs(2)
                    .seed(1)
                    .threads(2)
                    .build();
            DistributedTrainingResult r = new DistributedTrainer(mlp, cfg, DistributedOptions.workers(2))
                    .fit(FashionFrames.frame(spark, train), null);
            assertEquals(2, r.history().size());
            assertTrue(
                    r.history().get(1).accuracy() > 0.7,
                    "accuracy " + r.history().get(1).accuracy());
            // The training stage ran with its own resource profile (2 CPUs per task), and its two
            // tasks on two different executors: an executor of 2 cores holds exactly one of them.
            assertEquals(1, profiledStages.size(), "stages with a non-default resource profile: " + profiledStages);
            int stage = profiledStages.iterator().next();
            long executors =
                    tasks.stream().filter(t -> t.startsWith(stage + ":")).count();
            assertEquals(2, executors, "executors that ran the training tasks: " + tasks);
        } finally {
            spark.stop();
        }
    }
}
