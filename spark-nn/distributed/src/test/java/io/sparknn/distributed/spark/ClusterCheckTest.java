package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ClusterCheckTest {

    @Test
    void dynamicAllocationIsRejectedNamingTheSetting() {
        SparkConf conf = new SparkConf(false).set("spark.dynamicAllocation.enabled", "true");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> ClusterCheck.check(conf, "spark://m:7077", 8, 2, 1));
        assertTrue(e.getMessage().contains("spark.dynamicAllocation.enabled=false"), e.getMessage());
    }

    @Test
    void tooFewSlotsNameTheCountsAndTheFix() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ClusterCheck.check(new SparkConf(false), "spark://m:7077", 2, 3, 1));
        assertTrue(
                e.getMessage().contains("needs 3 barrier tasks")
                        && e.getMessage().contains("has 2 executor core(s)")
                        && e.getMessage().contains("spark.executor.instances"),
                e.getMessage());
    }

    @Test
    void localModeMustNotOversubscribeCores() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ClusterCheck.check(new SparkConf(false), "local[2]", 2, 2, 2));
        assertTrue(
                e.getMessage().contains("numWorkers=2 x threadsPerWorker=2 = 4 math threads")
                        && e.getMessage().contains("local[4]"),
                e.getMessage());
        assertEquals(ClusterCheck.ThreadPlan.LOCAL, ClusterCheck.check(new SparkConf(false), "local[2]", 2, 2, 1));
    }

    @Test
    void threadsBeyondTaskCpusUseStageLevelScheduling() {
        assertEquals(
                ClusterCheck.ThreadPlan.TASK_CPUS,
                ClusterCheck.check(new SparkConf(false).set("spark.task.cpus", "2"), "spark://m:7077", 8, 2, 2));
        assertEquals(
                ClusterCheck.ThreadPlan.STAGE_LEVEL,
                ClusterCheck.check(new SparkConf(false), "spark://m:7077", 8, 2, 2));
        assertThrows(
                IllegalStateException.class, () -> ClusterCheck.check(new SparkConf(false), "spark://m:7077", 4, 3, 2));
        // local-cluster runs executor JVMs like a standalone cluster: not "local" mode.
        assertEquals(
                ClusterCheck.ThreadPlan.STAGE_LEVEL,
                ClusterCheck.check(new SparkConf(false), "local-cluster[2,2,1024]", 4, 2, 2));
    }
}
