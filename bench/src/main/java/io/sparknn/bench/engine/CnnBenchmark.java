package io.sparknn.bench.engine;

/**
 * {@code bench cnn}: trains the seed-004 CNN (three 3x3 convolutions 32-64-64 with ReLU and two
 * 2x2 max-poolings, then Dense 64 ReLU and Dense 10 softmax) with Adam on the full
 * Fashion-MNIST training set as {@code [1, 28, 28]} images, evaluates on the test set, and
 * prints one line per epoch and one {@code RESULT} line (see {@link FashionMnistBenchmark}).
 * Defaults: 5 epochs, batch 64, learning rate warmed up over the first epoch to 4e-3 and then
 * decayed to 0 along a cosine ({@code --schedule warmup-cosine --lr 0.004}).
 */
final class CnnBenchmark {
    private CnnBenchmark() {}

    static int run(BenchArgs args) throws Exception {
        return FashionMnistBenchmark.run("cnn", SeedNetworks.seed004(), args, 5, 64, "warmup-cosine", 4e-3);
    }
}
