package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.GradientChecker.InputSource;
import io.sparknn.testing.OnEveryBackend;

/**
 * Finite-difference gradient checks of BatchNormalization: training mode (batch statistics,
 * where every input moves the mean and variance of its channel) and inference mode (running
 * statistics, an affine map per channel), over features and over image channels.
 */
class BatchNormalizationGradientTest {

    @OnEveryBackend
    void trainingOverFeatures(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization [5] training",
                new BatchNormalization(),
                Shape.of(5),
                4,
                backend,
                InputSource.uniform(),
                true);
    }

    @OnEveryBackend
    void trainingOverImageChannels(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization [3, 2, 3] training",
                new BatchNormalization(),
                Shape.of(3, 2, 3),
                2,
                backend,
                InputSource.uniform(),
                true);
    }

    @OnEveryBackend
    void trainingWithoutScale(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization no scale",
                new BatchNormalization(0.9f, 1e-3f, true, false),
                Shape.of(2, 3, 2),
                2,
                backend,
                InputSource.uniform(),
                true);
    }

    @OnEveryBackend
    void trainingWithoutCenterOrScale(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization no center, no scale",
                new BatchNormalization(0.9f, 1e-2f, false, false),
                Shape.of(4),
                5,
                backend,
                InputSource.uniform(),
                true);
    }

    @OnEveryBackend
    void inferenceOverImageChannels(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization [3, 2, 2] inference",
                new BatchNormalization(),
                Shape.of(3, 2, 2),
                3,
                backend,
                InputSource.uniform(),
                false);
    }

    @OnEveryBackend
    void inferenceWithoutCenter(Backend backend) {
        GradientChecker.checkLayer(
                "BatchNormalization [4] inference, no center",
                new BatchNormalization(0.99f, 1e-3f, false, true),
                Shape.of(4),
                3,
                backend,
                InputSource.uniform(),
                false);
    }
}
