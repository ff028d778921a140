package io.sparknn.jobs.cli;

import io.sparknn.distributed.spark.DriverProgress;
import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.config.ConfigLoader;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.console.ConsoleProgress;
import io.sparknn.jobs.train.TrainJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train --config conf/x.yaml [--set key=value ...]}. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Fits the pipeline a YAML job config describes on a Delta table, saves the PipelineModel, "
                    + "and writes metrics JSON, an HTML report and optionally a Delta metrics row.",
            "The last line on stdout is the metrics JSON path (for Airflow XCom)."
        })
public final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "job config YAML, e.g. conf/seed000-mlp.yaml")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set estimator.maxEpochs=3 " + "(repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        TrainConfig cfg = ConfigLoader.loadTrain(config, overrides);
        SparkSession spark =
                JobSpark.session("spark-nn train " + (cfg.name() == null ? config : cfg.name()), cfg.sparkOrEmpty());
        TrainJob.Result r;
        DriverProgress.Subscription bar = ConsoleProgress.attachIfTerminal();
        try {
            r = new TrainJob(spark).run(cfg);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        Printer.train(r);
        return 0;
    }
}
