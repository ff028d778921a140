package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.ml.regression.NeuralNetworkRegressor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/**
 * Spark Connect ML finds the stages a server may run through {@code META-INF/services/
 * org.apache.spark.ml.Estimator} and {@code ...Transformer}: it lists the registered classes with
 * ServiceLoader's {@code stream()} (without instantiating them: MLlib's own models cannot be built
 * empty) and creates the stage a client asks for with its {@code (String uid)} constructor. This
 * checks both on the JVM side, the way the server does it, on either Spark line. Our stages also
 * have a public no-argument constructor, for a ServiceLoader that does instantiate them.
 */
class ConnectMlServicesTest {
    private static final Set<String> ESTIMATORS =
            Set.of(NeuralNetworkClassifier.class.getName(), NeuralNetworkRegressor.class.getName());
    private static final Set<String> MODELS =
            Set.of(NeuralNetworkClassificationModel.class.getName(), NeuralNetworkRegressionModel.class.getName());

    @Test
    void serviceLoaderFindsTheEstimators() {
        assertTrue(discovered(Estimator.class).containsAll(ESTIMATORS), "found " + discovered(Estimator.class));
    }

    @Test
    void serviceLoaderFindsTheModels() {
        assertTrue(discovered(Transformer.class).containsAll(MODELS), "found " + discovered(Transformer.class));
    }

    /** Only our classes in our files, so a renamed class cannot linger in them unnoticed. */
    @Test
    void ourServiceFilesListExactlyOurStages() throws IOException {
        assertEquals(new TreeSet<>(ESTIMATORS), ourEntries("org.apache.spark.ml.Estimator"));
        assertEquals(new TreeSet<>(MODELS), ourEntries("org.apache.spark.ml.Transformer"));
    }

    @Test
    void everyRegisteredStageHasTheConstructorsServiceDiscoveryCalls() throws Exception {
        List<String> all = new ArrayList<>(ESTIMATORS);
        all.addAll(MODELS);
        for (String name : all) {
            Class<?> type = Class.forName(name);
            Params stage = (Params) type.getConstructor(String.class).newInstance("connect_uid_1");
            assertEquals("connect_uid_1", stage.uid(), name);
            Params fresh = (Params) type.getConstructor().newInstance();
            assertTrue(fresh.uid().startsWith("nn"), name + " got uid " + fresh.uid());
        }
    }

    private static Set<String> discovered(Class<?> service) {
        return ServiceLoader.load(service, ConnectMlServicesTest.class.getClassLoader()).stream()
                .map(p -> p.type().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The io.sparknn entries of every copy of the service file on the classpath (Spark's own lists MLlib's stages). */
    private static Set<String> ourEntries(String service) throws IOException {
        Set<String> names = new TreeSet<>();
        for (URL url : Collections.list(
                ConnectMlServicesTest.class.getClassLoader().getResources("META-INF/services/" + service))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.strip();
                    if (name.startsWith("io.sparknn.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
