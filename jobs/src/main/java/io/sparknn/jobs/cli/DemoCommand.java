package io.sparknn.jobs.cli;

import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.demo.DemoJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo [--dir DIR] [--data DIR] [--set key=value ...]}. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Converts Fashion-MNIST into Delta tables, trains the seed-000 MLP with the train job on two "
                    + "workers, scores the test table into Delta and prints where everything is.",
            "Uses the installed dataset when present, else a subset shipped in the jar."
        })
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "where tables, models and reports go (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("spark-nn-demo");

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST IDX files (default: ${DEFAULT-VALUE})")
    Path data = Path.of(FashionMnist.DEFAULT_DIR);

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "override a key of conf/seed000-mlp.yaml, " + "e.g. --set estimator.maxEpochs=3 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SparkSession spark = JobSpark.session("spark-nn demo", Map.of());
        DemoJob.Result r = new DemoJob(spark).run(dir, data, overrides);
        Printer.demo(r);
        return 0;
    }
}
