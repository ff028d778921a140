package io.sparknn.jobs.report;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.SparkSession;

/** Where a run ran, for the report: Spark version and master, math backend, workers and threads. */
public final class RunEnvironment {
    private RunEnvironment() {}

    /** @param stage the estimator (train) or the network model (evaluate), for its worker params */
    public static Map<String, String> of(SparkSession spark, Params stage) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Spark", spark.version() + " (master " + spark.sparkContext().master() + ")");
        m.put("Java", System.getProperty("java.version"));
        Backend b = Backends.getDefault();
        m.put("backend (driver)", b.name() + " (" + b.version() + ")");
        for (String p : new String[] {"numWorkers", "threadsPerWorker"}) {
            if (stage.hasParam(p) && stage.isDefined(stage.getParam(p))) {
                Object v = stage.getOrDefault(stage.getParam(p));
                m.put(p.equals("numWorkers") ? "workers" : "threads per worker", String.valueOf(v));
            }
        }
        return m;
    }
}
