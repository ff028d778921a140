package io.sparknn.jobs.tensorboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.jobs.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingEventsTest {

    @Test
    void theConfigTextShowsTheConfigsValues() {
        String text = TrainingEvents.configText(
                ConfigLoader.loadTrain(Path.of("../conf/seed000-mlp.yaml"), List.of("estimator.maxEpochs=3")));
        assertTrue(text.contains("path: \"spark-nn-demo/tables/fashion_train\""), text);
        assertTrue(text.contains("maxEpochs: 3"), text);
        assertTrue(text.contains("- \"Ankle boot\""), text);
        assertFalse(text.contains("path: true"), text);
    }
}
