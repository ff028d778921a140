package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.GradientChecker.InputSource;
import io.sparknn.testing.OnEveryBackend;

/**
 * Finite-difference checks of the sequence layers on every backend: parameter and input
 * gradients through several time steps, both output modes, and with per-sample lengths
 * (including a sample of length 0 and one using every step).
 */
class RecurrentGradientTest {
    private static final Shape SEQUENCE = Shape.of(5, 3);
    private static final int BATCH = 4;
    /** One full-length, two shorter, one empty sample. */
    private static final ForwardContext MASKED = new ForwardContext(true, 1234L).withLengths(new int[] {5, 2, 0, 4});

    private static final ForwardContext FULL = new ForwardContext(true, 1234L);

    @OnEveryBackend
    void lstmLastStep(Backend backend) {
        check("LSTM(3)", new LSTM(3), backend, FULL);
    }

    @OnEveryBackend
    void lstmSequences(Backend backend) {
        check("LSTM(3, sequences)", new LSTM(3, true), backend, FULL);
    }

    @OnEveryBackend
    void lstmWithoutUnitForgetBiasAndOtherInitializers(Backend backend) {
        check("LSTM(2, he_normal)", new LSTM(2, false, "he_normal", "glorot_normal", "zeros", false), backend, FULL);
    }

    @OnEveryBackend
    void lstmMaskedLastStep(Backend backend) {
        check("LSTM(3) masked", new LSTM(3), backend, MASKED);
    }

    @OnEveryBackend
    void lstmMaskedSequences(Backend backend) {
        check("LSTM(3, sequences) masked", new LSTM(3, true), backend, MASKED);
    }

    @OnEveryBackend
    void gruLastStep(Backend backend) {
        check("GRU(3)", new GRU(3), backend, FULL);
    }

    @OnEveryBackend
    void gruSequences(Backend backend) {
        check("GRU(3, sequences)", new GRU(3, true), backend, FULL);
    }

    @OnEveryBackend
    void gruMaskedLastStep(Backend backend) {
        check("GRU(3) masked", new GRU(3), backend, MASKED);
    }

    @OnEveryBackend
    void gruMaskedSequences(Backend backend) {
        check("GRU(3, sequences) masked", new GRU(3, true), backend, MASKED);
    }

    @OnEveryBackend
    void globalAveragePooling(Backend backend) {
        check("GlobalAveragePooling1D", new GlobalAveragePooling1D(), backend, FULL);
    }

    @OnEveryBackend
    void globalAveragePoolingMasked(Backend backend) {
        check("GlobalAveragePooling1D masked", new GlobalAveragePooling1D(), backend, MASKED);
    }

    private static void check(String name, LayerSpec spec, Backend backend, ForwardContext ctx) {
        GradientChecker.checkLayer(name, spec, SEQUENCE, BATCH, backend, InputSource.uniform(), ctx);
    }
}
