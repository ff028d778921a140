package io.sparknn.train;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.Loss;
import io.sparknn.nn.Network;
import io.sparknn.nn.layer.Activation;

/** Loss and accuracy of a network on a dataset, computed in inference mode in mini-batches. */
public record Evaluation(double loss, double accuracy, long samples) {

    public static Evaluation of(Network net, LabeledSamples data, Loss loss, int batchSize) {
        int f = data.featureSize();
        int lw = data.labelWidth();
        int width = net.outputShape().size();
        double lossSum = 0;
        double weightSum = 0;
        double correct = 0;
        float[] xb = new float[batchSize * f];
        float[] yb = new float[batchSize * lw];
        float[] wb = data.weights() == null ? null : new float[batchSize];
        for (int start = 0; start < data.size(); start += batchSize) {
            int b = Math.min(batchSize, data.size() - start);
            data.copyFeatures(start, b, xb, 0);
            System.arraycopy(data.labels(), start * lw, yb, 0, b * lw);
            if (wb != null) {
                System.arraycopy(data.weights(), start, wb, 0, b);
            }
            float[] out = net.forwardForLoss(xb, b, loss);
            lossSum += loss.compute(out, b, width, yb, wb, 1f, null);
            weightSum += wb == null ? b : sum(wb, b);
            correct += Accuracy.correct(loss, out, b, width, yb, wb);
        }
        boolean classification = loss.fusedActivation() != Activation.LINEAR;
        return new Evaluation(lossSum / weightSum, classification ? correct / weightSum : Double.NaN, data.size());
    }

    static double sum(float[] w, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i];
        }
        return s;
    }
}
