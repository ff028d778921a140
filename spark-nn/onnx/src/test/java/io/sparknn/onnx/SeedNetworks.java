package io.sparknn.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.Optimizers;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testing.TokenOrderTask;
import io.sparknn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed job configurations ({@code conf/seedNNN-*.yaml}) as the jobs read them: the network
 * is the config's {@code estimator.network} verbatim, and a short training run uses the config's
 * optimizer, learning rate, batch size and seed on data of the config's kind (Fashion-MNIST
 * images, footwear-or-not labels for the one-sigmoid network, token sequences for the
 * Embedding network).
 */
record SeedNetworks(String name, NetworkSpec spec, JsonNode estimator) {
    private static final YAMLMapper YAML = new YAMLMapper();

    static SeedNetworks load(String name) throws IOException {
        Path file = confDir().resolve(name + ".yaml");
        JsonNode estimator = YAML.readTree(Files.readString(file)).path("estimator");
        if (!estimator.has("network")) {
            throw new IllegalStateException(file + " has no estimator.network");
        }
        return new SeedNetworks(
                name, NetworkSpec.fromJson(estimator.get("network").toString()), estimator);
    }

    /** One epoch with the config's loss kind, optimizer, learning rate, batch size and seed. */
    TrainingConfig training() {
        return TrainingConfig.builder()
                .loss(binary() ? new BinaryCrossEntropy() : new SoftmaxCrossEntropy())
                .optimizer(Optimizers.byName(estimator.path("optimizer").asText("adam")))
                .learningRate((float) estimator.path("learningRate").asDouble(1e-3))
                .batchSize(batchSize())
                .epochs(1)
                .seed(estimator.path("seed").asLong())
                .build();
    }

    int batchSize() {
        return estimator.path("batchSize").asInt(32);
    }

    /** Labelled samples {@code [from, from + n)} of the data this network is configured for. */
    LabeledSamples data(int from, int n) {
        if (spec.layers().get(0) instanceof Embedding e) {
            LabeledSamples all = TokenOrderTask.generate(
                    from + n, e.inputDim(), spec.inputShape().size(), 2, 2 /* the seed-002 seed */);
            return all.slice(from, from + n);
        }
        LabeledSamples images = FashionMnistData.train().slice(from, from + n);
        if (!binary()) {
            return images;
        }
        // seed001's label: footwear (sandal 5, sneaker 7, ankle boot 9) against the rest
        float[] footwear = new float[n];
        for (int i = 0; i < n; i++) {
            int c = (int) images.labels()[i];
            footwear[i] = c == 5 || c == 7 || c == 9 ? 1f : 0f;
        }
        float[] x = new float[n * images.featureSize()];
        images.copyFeatures(0, n, x, 0);
        return new LabeledSamples(x, images.featureShape(), footwear, 1, null);
    }

    private boolean binary() {
        return spec.outputShape().size() == 1;
    }

    /** The repository's {@code conf} folder, found by walking up from the working directory. */
    private static Path confDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("conf/seed000-mlp.yaml"))) {
                return d.resolve("conf");
            }
        }
        throw new IllegalStateException("Cannot find conf/seed000-mlp.yaml above "
                + Path.of("").toAbsolutePath() + "; run the tests from the repository");
    }
}
