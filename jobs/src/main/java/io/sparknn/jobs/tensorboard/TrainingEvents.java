package io.sparknn.jobs.tensorboard;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.io.FileSystemFailure;
import io.sparknn.ml.tensorboard.TensorBoardRun;
import io.sparknn.train.EpochStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes a finished train run to TensorBoard: the config as text, the recorded step figures,
 * each epoch's scalars at the time the epoch ended (the run's start plus the epochs' seconds so
 * far), and the held-out metrics at the last epoch.
 */
public final class TrainingEvents {
    /**
     * The config's own fields, not its getters: a getter such as TableRef's isPath() would
     * otherwise print as "path: true".
     */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private TrainingEvents() {}

    /** @return the run's folder */
    public static String write(
            Configuration conf,
            String logDir,
            TrainConfig config,
            Instant startedAt,
            List<EpochStats> history,
            Map<String, Double> metrics,
            List<StepRecorder.Point> steps) {
        TensorBoardRun created;
        try {
            created = TensorBoardRun.create(conf, logDir, config.name(), startedAt);
        } catch (IOException e) {
            throw FileSystemFailure.of(logDir, "output.tensorboard", e);
        }
        try (TensorBoardRun run = created) {
            run.config(configText(config), startedAt);
            for (StepRecorder.Point p : steps) {
                run.step(p.globalStep(), p.loss(), p.samplesPerSecond(), p.at());
            }
            Instant at = run.history(history, startedAt);
            if (!history.isEmpty() && !metrics.isEmpty()) {
                run.evaluation(metrics, history.get(history.size() - 1).epoch(), at);
            }
            return run.dir();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the TensorBoard events under output.tensorboard '" + logDir
                            + "': " + e.getMessage()
                            + ". The model, metrics and report are written; check the directory's "
                            + "permissions and space.",
                    e);
        }
    }

    static String configText(TrainConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The train config cannot be written as YAML: " + e.getOriginalMessage(), e);
        }
    }
}
