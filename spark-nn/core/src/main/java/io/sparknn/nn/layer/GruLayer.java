package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.init.Initializer;
import java.util.Arrays;

/**
 * Runtime of {@link GRU} with Keras' {@code reset_after=True} (the cuDNN-compatible variant),
 * gates in Keras' order z, r, h (here n):
 * <pre>
 * [xz xr xn] = x W + bx;          [hz hr hn] = h[t] U + bh
 * z = sigmoid(xz + hz);  r = sigmoid(xr + hr);  n = tanh(xn + r * hn)
 * h[t+1] = z * h[t] + (1 - z) * n
 * </pre>
 * The recurrent bias of n is kept apart from the input one, since r multiplies it.
 */
public final class GruLayer extends RecurrentLayer {
    /** h[t] U for the current step, {@code [batch, G]}. */
    private float[] hp;
    /** z and r pre-activations, then activations, of the current step {@code [batch, 2 units]}. */
    private float[] zr;
    /** n pre-activation, then activation, of the current step {@code [batch, units]}. */
    private float[] nb;
    /** hn + bhn per step {@code [time, batch, units]}, needed for dr. */
    private float[] hpn;
    /** Gradient of {@code h[t] U + bh} {@code [time, batch, G]}. */
    private float[] dRec;

    public GruLayer(
            int time,
            int features,
            int units,
            boolean returnSequences,
            Initializer kernelInit,
            Initializer recurrentInit,
            Initializer biasInit,
            Backend backend) {
        super(
                "GRU " + units,
                time,
                features,
                units,
                3 * units,
                returnSequences,
                kernelInit,
                recurrentInit,
                biasInit,
                backend);
    }

    @Override
    int biasSize() {
        return 2 * gateWidth;
    }

    @Override
    void ensureBuffers(int batch) {
        hp = Buffers.ensure(hp, batch * gateWidth);
        zr = Buffers.ensure(zr, batch * 2 * units);
        nb = Buffers.ensure(nb, batch * units);
        hpn = Buffers.ensure(hpn, time * batch * units);
    }

    @Override
    void stepForward(int t) {
        int h = units;
        int g = gateWidth;
        int bh = batch * h;
        int pre = t * batch * g;
        if (t > 0) {
            backend.sgemm(false, false, batch, g, h, 1f, hs, t * bh, h, params, recurrentOff, g, 0f, hp, 0, g);
        } else {
            Arrays.fill(hp, 0, batch * g, 0f);
        }
        int bx = biasOff;
        int bh2 = biasOff + g;
        for (int b = 0; b < batch; b++) {
            int o = pre + b * g;
            int p = b * g;
            int q = b * 2 * h;
            for (int j = 0; j < 2 * h; j++) {
                zr[q + j] = gates[o + j] + hp[p + j] + params[bx + j] + params[bh2 + j];
            }
        }
        GateActivations.sigmoid(backend, zr, 0, 2 * bh);
        int bxn = biasOff + 2 * h;
        int bn = biasOff + g + 2 * h;
        int hn = t * bh;
        for (int b = 0; b < batch; b++) {
            int o = pre + b * g + 2 * h;
            int p = b * g + 2 * h;
            int q = b * 2 * h + h;
            int s = b * h;
            for (int j = 0; j < h; j++) {
                float v = hp[p + j] + params[bn + j];
                hpn[hn + s + j] = v;
                nb[s + j] = gates[o + j] + params[bxn + j] + zr[q + j] * v;
            }
        }
        GateActivations.tanh(backend, nb, 0, bh);
        int hPrev = t * bh;
        int hNext = hPrev + bh;
        for (int b = 0; b < batch; b++) {
            int o = pre + b * g;
            int q = b * 2 * h;
            int s = b * h;
            System.arraycopy(zr, q, gates, o, 2 * h);
            System.arraycopy(nb, s, gates, o + 2 * h, h);
            if (!active(b, t)) {
                System.arraycopy(hs, hPrev + s, hs, hNext + s, h);
                continue;
            }
            for (int j = 0; j < h; j++) {
                float z = zr[q + j];
                hs[hNext + s + j] = z * hs[hPrev + s + j] + (1f - z) * nb[s + j];
            }
        }
    }

    @Override
    void beginBackward() {
        dRec = Buffers.ensure(dRec, time * batch * gateWidth);
    }

    @Override
    void stepBackward(int t, float[] dh, float[] dhPrev) {
        int h = units;
        int g = gateWidth;
        int bh = batch * h;
        int pre = t * batch * g;
        int hPrev = t * bh;
        for (int b = 0; b < batch; b++) {
            int gz = pre + b * g;
            int gr = gz + h;
            int gn = gr + h;
            int s = b * h;
            if (!active(b, t)) {
                Arrays.fill(dGates, gz, gz + g, 0f);
                Arrays.fill(dRec, gz, gz + g, 0f);
                System.arraycopy(dh, s, dhPrev, s, h);
                continue;
            }
            for (int j = 0; j < h; j++) {
                float z = gates[gz + j];
                float r = gates[gr + j];
                float n = gates[gn + j];
                float dhj = dh[s + j];
                float prev = hs[hPrev + s + j];
                float dn = dhj * (1f - z) * (1f - n * n);
                float dz = dhj * (prev - n) * z * (1f - z);
                float dr = dn * hpn[hPrev + s + j] * r * (1f - r);
                dGates[gz + j] = dz;
                dGates[gr + j] = dr;
                dGates[gn + j] = dn;
                dRec[gz + j] = dz;
                dRec[gr + j] = dr;
                dRec[gn + j] = dn * r;
                dhPrev[s + j] = dhj * z;
                grads[biasOff + j] += dz;
                grads[biasOff + h + j] += dr;
                grads[biasOff + 2 * h + j] += dn;
                grads[biasOff + g + j] += dz;
                grads[biasOff + g + h + j] += dr;
                grads[biasOff + g + 2 * h + j] += dn * r;
            }
        }
    }

    @Override
    float[] recurrentGradients() {
        return dRec;
    }
}
