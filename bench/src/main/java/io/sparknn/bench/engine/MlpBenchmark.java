package io.sparknn.bench.engine;

/**
 * {@code bench mlp}: trains the seed-000 MLP (784-256-128-10, ReLU, Adam 1e-3) on the full
 * Fashion-MNIST training set, evaluates on the test set, and prints one line per epoch and one
 * {@code RESULT} line (see {@link FashionMnistBenchmark}). Defaults: 10 epochs, batch 128.
 */
final class MlpBenchmark {
    private MlpBenchmark() {}

    static int run(BenchArgs args) throws Exception {
        return FashionMnistBenchmark.run("mlp", SeedNetworks.seed000(), args, 10, 128, "constant", 1e-3);
    }
}
