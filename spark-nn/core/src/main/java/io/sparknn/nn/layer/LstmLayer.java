package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.init.Initializer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runtime of {@link LSTM}, gates in Keras' order i, f, c (here g), o:
 * <pre>
 * [i f g o] = x W + h[t] U + b;  i, f, o = sigmoid;  g = tanh
 * c[t+1] = f * c[t] + i * g;     h[t+1] = o * tanh(c[t+1])
 * </pre>
 * Per step: one recurrent GEMM, one exp call for all four gates and one for tanh(c), and fused
 * loops; no allocation after the first batch of a given size.
 */
public final class LstmLayer extends RecurrentLayer {
    private final boolean unitForgetBias;

    /** h[t] U of the current step {@code [batch, G]}. */
    private float[] rec;
    /** Cell states {@code [time + 1, batch, units]}; slot 0 is zeros. */
    private float[] cs;
    /** tanh(c[t + 1]) {@code [time, batch, units]}. */
    private float[] tanhCs;
    /** Cell-state gradient carried backwards {@code [batch, units]}. */
    private float[] dc;

    public LstmLayer(
            int time,
            int features,
            int units,
            boolean returnSequences,
            Initializer kernelInit,
            Initializer recurrentInit,
            Initializer biasInit,
            boolean unitForgetBias,
            Backend backend) {
        super(
                "LSTM " + units,
                time,
                features,
                units,
                4 * units,
                returnSequences,
                kernelInit,
                recurrentInit,
                biasInit,
                backend);
        this.unitForgetBias = unitForgetBias;
    }

    @Override
    int biasSize() {
        return gateWidth;
    }

    @Override
    public void initialize(SplittableRandom rng) {
        super.initialize(rng);
        if (unitForgetBias) {
            Arrays.fill(params, biasOff + units, biasOff + 2 * units, 1f);
        }
    }

    @Override
    void ensureBuffers(int batch) {
        cs = Buffers.ensure(cs, (time + 1) * batch * units);
        tanhCs = Buffers.ensure(tanhCs, time * batch * units);
        rec = Buffers.ensure(rec, batch * gateWidth);
        Arrays.fill(cs, 0, batch * units, 0f);
        Arrays.fill(rec, 0, batch * gateWidth, 0f); // h[0] U = 0
    }

    @Override
    void stepForward(int t) {
        int h = units;
        int g = gateWidth;
        int bh = batch * h;
        int pre = t * batch * g;
        if (t > 0) {
            // Into a scratch with beta 0: the backend need not read C back (MKL stages operands).
            backend.sgemm(false, false, batch, g, h, 1f, hs, t * bh, h, params, recurrentOff, g, 0f, rec, 0, g);
        }
        // a = x W + h U + b. One exp for all gates: sigmoid(a) = 1 / (1 + exp(-a)),
        // tanh(a) = 2 / (1 + exp(-2a)) - 1.
        int bias = biasOff;
        for (int b = 0; b < batch; b++) {
            int o = pre + b * g;
            int r = b * g;
            for (int j = 0; j < 2 * h; j++) {
                gates[o + j] = -(gates[o + j] + rec[r + j] + params[bias + j]);
            }
            for (int j = 2 * h; j < 3 * h; j++) {
                gates[o + j] = -2f * (gates[o + j] + rec[r + j] + params[bias + j]);
            }
            for (int j = 3 * h; j < g; j++) {
                gates[o + j] = -(gates[o + j] + rec[r + j] + params[bias + j]);
            }
        }
        backend.exp(batch * g, gates, pre, gates, pre);
        int cPrev = t * bh;
        int cNext = cPrev + bh;
        int tc = t * bh;
        for (int b = 0; b < batch; b++) {
            int gi = pre + b * g;
            int gf = gi + h;
            int gg = gf + h;
            int go = gg + h;
            int s = b * h;
            boolean on = active(b, t);
            for (int j = 0; j < h; j++) {
                float i = 1f / (1f + gates[gi + j]);
                float f = 1f / (1f + gates[gf + j]);
                float gv = 2f / (1f + gates[gg + j]) - 1f;
                gates[gi + j] = i;
                gates[gf + j] = f;
                gates[gg + j] = gv;
                gates[go + j] = 1f / (1f + gates[go + j]);
                float c = on ? f * cs[cPrev + s + j] + i * gv : cs[cPrev + s + j];
                cs[cNext + s + j] = c;
                tanhCs[tc + s + j] = -2f * c;
            }
        }
        backend.exp(bh, tanhCs, tc, tanhCs, tc);
        int hPrev = t * bh;
        int hNext = hPrev + bh;
        for (int b = 0; b < batch; b++) {
            int go = pre + b * g + 3 * h;
            int s = b * h;
            if (!active(b, t)) {
                System.arraycopy(hs, hPrev + s, hs, hNext + s, h);
                continue;
            }
            for (int j = 0; j < h; j++) {
                float tanhC = 2f / (1f + tanhCs[tc + s + j]) - 1f;
                tanhCs[tc + s + j] = tanhC;
                hs[hNext + s + j] = gates[go + j] * tanhC;
            }
        }
    }

    @Override
    void beginBackward() {
        dc = Buffers.ensure(dc, batch * units);
        Arrays.fill(dc, 0, batch * units, 0f);
    }

    @Override
    void stepBackward(int t, float[] dh, float[] dhPrev) {
        int h = units;
        int g = gateWidth;
        int bh = batch * h;
        int pre = t * batch * g;
        int cPrev = t * bh;
        for (int b = 0; b < batch; b++) {
            int gi = pre + b * g;
            int gf = gi + h;
            int gg = gf + h;
            int go = gg + h;
            int s = b * h;
            if (!active(b, t)) {
                // The state passed through unchanged: so does its gradient.
                Arrays.fill(dGates, gi, gi + g, 0f);
                System.arraycopy(dh, s, dhPrev, s, h);
                continue;
            }
            for (int j = 0; j < h; j++) {
                float i = gates[gi + j];
                float f = gates[gf + j];
                float gv = gates[gg + j];
                float o = gates[go + j];
                float tanhC = tanhCs[cPrev + s + j];
                float dhj = dh[s + j];
                float dcT = dc[s + j] + dhj * o * (1f - tanhC * tanhC);
                float di = dcT * gv * i * (1f - i);
                float df = dcT * cs[cPrev + s + j] * f * (1f - f);
                float dg = dcT * i * (1f - gv * gv);
                float dO = dhj * tanhC * o * (1f - o);
                dGates[gi + j] = di;
                dGates[gf + j] = df;
                dGates[gg + j] = dg;
                dGates[go + j] = dO;
                grads[biasOff + j] += di;
                grads[biasOff + h + j] += df;
                grads[biasOff + 2 * h + j] += dg;
                grads[biasOff + 3 * h + j] += dO;
                dc[s + j] = dcT * f;
                dhPrev[s + j] = 0f;
            }
        }
    }

    @Override
    float[] recurrentGradients() {
        return dGates;
    }
}
