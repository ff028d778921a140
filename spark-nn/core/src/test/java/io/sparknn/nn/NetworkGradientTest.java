package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.Loss;
import io.sparknn.loss.MeanSquaredError;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.Padding;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.OnEveryBackend;
import java.util.SplittableRandom;

/**
 * Whole networks with their losses: the gradients {@link Network#forwardBackward} writes into
 * the flat array match finite differences of the weighted mean loss, including the fused
 * softmax/sigmoid and the skipped input gradient of the first layer.
 */
class NetworkGradientTest {
    @OnEveryBackend
    void mlpWithSoftmaxCrossEntropy(Backend backend) {
        NetworkSpec spec = NetworkSpec.builder(6)
                .dense(5, Activation.TANH)
                .dense(4, Activation.SIGMOID)
                .dense(3, Activation.SOFTMAX)
                .build();
        check(spec, backend, new SoftmaxCrossEntropy(), new float[] {0, 2, 1, 1}, new float[] {1f, 0.5f, 2f, 1f});
    }

    @OnEveryBackend
    void binaryClassifierWithSigmoid(Backend backend) {
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(3, Activation.TANH)
                .dense(1, Activation.SIGMOID)
                .build();
        check(spec, backend, new BinaryCrossEntropy(), new float[] {0, 1, 1, 0}, null);
    }

    @OnEveryBackend
    void regressorWithMse(Backend backend) {
        NetworkSpec spec = NetworkSpec.builder(3)
                .add(new Dropout(0.0f))
                .dense(4, Activation.TANH)
                .dense(2)
                .build();
        check(spec, backend, new MeanSquaredError(), new float[] {0.5f, -1, 2, 0, 0.1f, 0.2f, -0.3f, 1}, null);
    }

    @OnEveryBackend
    void smallCnnWithSoftmaxCrossEntropy(Backend backend) {
        // The image layers chained: the first convolution gets no input gradient, pooling and
        // Flatten pass gradients between convolution and Dense. (Average pooling: a max-pooling
        // window whose winner changes within the finite-difference step makes the check fail
        // spuriously; max pooling is checked on tie-free inputs in ImageLayerGradientTest.)
        NetworkSpec spec = NetworkSpec.builder(2, 6, 6)
                .add(Conv2D.builder(3, 3)
                        .padding(Padding.SAME)
                        .activation(Activation.TANH)
                        .build())
                .add(new AveragePooling2D(2))
                .conv2d(2, 2, Activation.TANH)
                .add(new AveragePooling2D(2))
                .flatten()
                .dense(3, Activation.SOFTMAX)
                .build();
        check(spec, backend, new SoftmaxCrossEntropy(), new float[] {0, 2, 1, 1}, null);
    }

    private static void check(NetworkSpec spec, Backend backend, Loss loss, float[] labels, float[] weights) {
        int batch = 4;
        Network net = Network.create(spec, backend, 3L);
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[batch * spec.inputShape().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] p = net.params();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) rng.nextDouble(-0.3, 0.3); // non-zero biases
        }
        double sumOfWeights = 0;
        for (int i = 0; i < batch; i++) {
            sumOfWeights += weights == null ? 1 : weights[i];
        }
        double wsum = sumOfWeights;
        float scale = (float) (1 / wsum);
        net.forwardBackward(x, batch, labels, weights, loss, scale, 0L);
        float[] grads = net.grads().clone();
        int width = spec.outputShape().size();
        for (int i = 0; i < p.length; i++) {
            double num = GradientChecker.derivative(
                    p,
                    i,
                    () -> loss.compute(net.forwardForLoss(x, batch, loss), batch, width, labels, weights, 1f, null)
                            / wsum);
            GradientChecker.assertClose(
                    spec.layers().size() + "-layer network with " + loss.name() + ", parameter " + i, num, grads[i]);
        }
    }
}
