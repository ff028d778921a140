package io.sparknn.bench.engine;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;

/** The Fashion-MNIST reference networks the benchmarks train, by their seed-config names. */
public final class SeedNetworks {
    private SeedNetworks() {}

    /** seed-000: the MLP 784-256-128-10 with ReLU. */
    public static NetworkSpec seed000() {
        return NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    /** seed-004: three 3x3 convolutions (32, 64, 64 filters) with two 2x2 max-poolings, Dense 64, Dense 10. */
    public static NetworkSpec seed004() {
        return NetworkSpec.builder(1, 28, 28)
                .conv2d(32, 3, Activation.RELU)
                .maxPooling2d(2)
                .conv2d(64, 3, Activation.RELU)
                .maxPooling2d(2)
                .conv2d(64, 3, Activation.RELU)
                .flatten()
                .dense(64, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }
}
