package io.sparknn.optim;

/**
 * The element-wise Adam update shared by {@link Adam} and {@link AdamW}, in PyTorch's
 * formulation {@code w -= lr * mhat / (sqrt(vhat) + eps)}. The bias corrections are computed
 * once per step in double; the loop is plain float arithmetic.
 */
final class AdamUpdate {
    private AdamUpdate() {}

    /**
     * @param l2 coupled weight decay added to the gradient (Adam)
     * @param decoupled decoupled weight decay, applied as {@code w *= 1 - lr * decoupled} (AdamW)
     */
    static void apply(
            float[] w,
            float[] g,
            int offset,
            int length,
            OptimizerState state,
            float learningRate,
            float gradScale,
            double beta1,
            double beta2,
            double epsilon,
            double l2,
            double decoupled) {
        long t = state.step() + 1;
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (learningRate / bias1);
        float invSqrtBias2 = (float) (1 / Math.sqrt(bias2));
        float shrink = (float) (1 - (double) learningRate * decoupled);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float decay = (float) l2;
        float[] ws = SliceStaging.weights(w, offset, length, state);
        float[] gs = SliceStaging.gradients(g, offset, length, state);
        float[] m = state.slots()[0];
        float[] v = state.slots()[1];
        for (int j = 0; j < length; j++) {
            float wj = ws[j];
            float gj = gradScale * gs[j] + decay * wj;
            float mj = b1 * m[j] + oneMinusB1 * gj;
            float vj = b2 * v[j] + oneMinusB2 * gj * gj;
            m[j] = mj;
            v[j] = vj;
            ws[j] = wj * shrink - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBias2 + eps);
        }
        SliceStaging.commit(ws, w, offset, length);
        state.incrementStep();
    }
}
