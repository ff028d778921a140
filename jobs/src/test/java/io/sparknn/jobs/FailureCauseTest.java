package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The one-line cause is the innermost message that explains the failure, not Spark's wrappers. */
class FailureCauseTest {
    @Test
    void aTaskFailureInsideAStageFailureIsNamed() {
        IllegalArgumentException task = new IllegalArgumentException(
                "Column 'features' has 100 values in row 0 but the network expects 784\n(details)");
        SparkException write =
                new SparkException("[TASK_WRITE_FAILED] Task failed while writing rows to file:/t.", task);
        SparkException stage = new SparkException(
                "Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, "
                        + "most recent failure: Lost task 0.0: " + write,
                write);
        assertEquals("Column 'features' has 100 values in row 0 but the network expects 784", FailureCause.of(stage));
    }

    @Test
    void aWrapperThatOnlyRepeatsItsCauseIsSkippedAndTheClassNamedWhenItHelps() {
        ClassNotFoundException missing =
                new ClassNotFoundException("Class org.apache.hadoop.fs.s3a.S3AFileSystem not found");
        RuntimeException wrapper = new RuntimeException(missing);
        assertEquals(
                "ClassNotFoundException: Class org.apache.hadoop.fs.s3a.S3AFileSystem not found",
                FailureCause.of(wrapper));
        assertEquals("NullPointerException", FailureCause.of(new RuntimeException(new NullPointerException())));
    }

    @Test
    void theOutermostContextIsKeptWithTheInnermostCause() {
        java.io.IOException io = new java.io.IOException("Permission denied");
        java.io.UncheckedIOException write =
                new java.io.UncheckedIOException("Cannot write /m.json (output.metrics)", io);
        assertEquals(
                "UncheckedIOException: Cannot write /m.json (output.metrics) (cause: IOException: Permission denied)",
                FailureCause.withContext(write));
        java.io.UncheckedIOException said =
                new java.io.UncheckedIOException("Cannot write /m.json: Permission denied", io);
        assertEquals("UncheckedIOException: Cannot write /m.json: Permission denied", FailureCause.withContext(said));
    }
}
