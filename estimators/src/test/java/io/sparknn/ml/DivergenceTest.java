package io.sparknn.ml;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.train.TrainingDivergedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Training that cannot give a useful model says so: divergence stops it, one-class data warns. */
class DivergenceTest {

    /** Two distributed workers: the error comes out of the barrier stage as itself, naming epoch and step. */
    @Test
    void aHugeLearningRateStopsDistributedTrainingWithTheDivergenceError() {
        NeuralNetworkClassifier nn = BadInputTest.classifier()
                .setLearningRate(1e30)
                .setOptimizer("sgd")
                .setNumWorkers(2)
                .setMaxEpochs(3);
        Dataset<Row> df = BadInputTest.table();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> nn.fit(df));
        assertEquals(1, e.epoch(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Training diverged in epoch 1, step "), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate (1.0E30 at this step, sgd optimizer)"), e.getMessage());
        // Reported by the workers once, not by a failed stage that Spark retried: no task failure in the chain.
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(
                    t instanceof org.apache.spark.SparkException
                            || t.getClass().getName().contains("Distributed"),
                    "the divergence must not fail the training stage: " + t);
        }
    }

    @Test
    void trainingDataWithOneClassTrainsButWarns() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("one-class-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        String name = NeuralNetworkClassifier.class.getName();
        LoggerConfig config = new LoggerConfig(name, Level.WARN, true);
        config.addAppender(capture, Level.WARN, null);
        ctx.getConfiguration().addLogger(name, config);
        ctx.updateLoggers();
        try {
            BadInputTest.classifier().fit(BadInputTest.table().withColumn("label", lit(2.0)));
        } finally {
            ctx.getConfiguration().removeLogger(name);
            ctx.updateLoggers();
            capture.stop();
        }
        assertEquals(
                List.of("Column 'label' holds only the class 2 in all 30 row(s): the classifier can only learn to "
                        + "predict that class. Check the filter on the input table and the label column."),
                warnings);
    }
}
