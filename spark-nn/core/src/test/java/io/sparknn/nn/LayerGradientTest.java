package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Activation;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.GradientChecker.InputSource;
import io.sparknn.testing.OnEveryBackend;

/** Finite-difference gradient checks of every layer, on every backend. */
class LayerGradientTest {
    @OnEveryBackend
    void dense(Backend backend) {
        GradientChecker.checkLayer("Dense(3)", new Dense(3), Shape.of(5), 4, backend, InputSource.uniform(), true);
    }

    @OnEveryBackend
    void denseWithoutBias(Backend backend) {
        GradientChecker.checkLayer(
                "Dense(4, no bias)",
                new Dense(4, Activation.LINEAR, false, "he_normal", null),
                Shape.of(3),
                2,
                backend,
                InputSource.uniform(),
                true);
    }

    @OnEveryBackend
    void denseWithTanh(Backend backend) {
        GradientChecker.checkLayer(
                "Dense(3, tanh)", new Dense(3, Activation.TANH), Shape.of(4), 3, backend, InputSource.uniform(), true);
    }

    @OnEveryBackend
    void relu(Backend backend) {
        GradientChecker.checkLayer(
                "ReLU", new ActivationSpec(Activation.RELU), Shape.of(6), 3, backend, InputSource.awayFromZero(), true);
    }

    @OnEveryBackend
    void leakyRelu(Backend backend) {
        GradientChecker.checkLayer(
                "LeakyReLU",
                new ActivationSpec(Activation.LEAKY_RELU, 0.2f),
                Shape.of(6),
                3,
                backend,
                InputSource.awayFromZero(),
                true);
    }

    @OnEveryBackend
    void sigmoid(Backend backend) {
        GradientChecker.checkLayer(
                "Sigmoid",
                new ActivationSpec(Activation.SIGMOID),
                Shape.of(5),
                3,
                backend,
                rng -> (float) rng.nextDouble(-4, 4),
                true);
    }

    @OnEveryBackend
    void tanh(Backend backend) {
        GradientChecker.checkLayer(
                "Tanh",
                new ActivationSpec(Activation.TANH),
                Shape.of(5),
                3,
                backend,
                rng -> (float) rng.nextDouble(-2, 2),
                true);
    }

    @OnEveryBackend
    void softmax(Backend backend) {
        GradientChecker.checkLayer(
                "Softmax",
                new ActivationSpec(Activation.SOFTMAX),
                Shape.of(7),
                3,
                backend,
                rng -> (float) rng.nextDouble(-3, 3),
                true);
    }

    @OnEveryBackend
    void dropoutTraining(Backend backend) {
        GradientChecker.checkLayer(
                "Dropout(0.5) training", new Dropout(0.5f), Shape.of(8), 3, backend, InputSource.uniform(), true);
    }

    @OnEveryBackend
    void dropoutInference(Backend backend) {
        GradientChecker.checkLayer(
                "Dropout(0.5) inference", new Dropout(0.5f), Shape.of(8), 3, backend, InputSource.uniform(), false);
    }
}
