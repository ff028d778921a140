package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runtime of {@link BatchNormalization}. Data of channel {@code c} of sample {@code b} is the
 * contiguous run {@code x[(b * C + c) * S, + S)}, S the elements per channel of one sample;
 * every loop walks samples, then channels, then that run, so both flat ({@code S = 1}) and
 * image inputs are read with unit stride. Sums are accumulated per run in float and across runs
 * in double.
 */
public final class BatchNormalizationLayer implements Layer {
    private final Shape shape;
    private final int channels;
    private final int spatial;
    private final float momentum;
    private final float epsilon;
    private final boolean center;
    private final boolean scale;

    private float[] params;
    private float[] grads;
    private int gammaOff;
    private int betaOff;
    private float[] state;
    private int meanOff;
    private int varOff;

    private final float[] mean;
    private final float[] invStd;
    private final float[] gain;
    private final double[] sum;
    private final double[] sum2;
    private float[] xhat;
    private float[] output;
    private float[] gradInput;
    private boolean batchStatistics;

    public BatchNormalizationLayer(Shape shape, float momentum, float epsilon, boolean center, boolean scale) {
        this.shape = shape;
        this.channels = shape.dim(0);
        this.spatial = shape.size() / channels;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.mean = new float[channels];
        this.invStd = new float[channels];
        this.gain = new float[channels];
        this.sum = new double[channels];
        this.sum2 = new double[channels];
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public int paramCount() {
        return channels * ((scale ? 1 : 0) + (center ? 1 : 0));
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        this.params = params;
        this.grads = grads;
        this.gammaOff = offset;
        this.betaOff = offset + (scale ? channels : 0);
    }

    @Override
    public void initialize(SplittableRandom rng) {
        if (scale) {
            Arrays.fill(params, gammaOff, gammaOff + channels, 1f);
        }
        if (center) {
            Arrays.fill(params, betaOff, betaOff + channels, 0f);
        }
    }

    @Override
    public int stateSize() {
        return 2 * channels;
    }

    @Override
    public void bindState(float[] state, int offset) {
        this.state = state;
        this.meanOff = offset;
        this.varOff = offset + channels;
    }

    @Override
    public void initializeState() {
        Arrays.fill(state, meanOff, meanOff + channels, 0f);
        Arrays.fill(state, varOff, varOff + channels, 1f);
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * channels * spatial;
        batchStatistics = ctx.training();
        if (batchStatistics) {
            batchStatistics(x, batch, ctx.updateState());
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = state[meanOff + c];
                invStd[c] = (float) (1.0 / Math.sqrt(state[varOff + c] + (double) epsilon));
            }
        }
        xhat = Buffers.ensure(xhat, n);
        output = Buffers.ensure(output, n);
        for (int b = 0, i = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float m = mean[c];
                float s = invStd[c];
                float g = scale ? params[gammaOff + c] : 1f;
                float beta = center ? params[betaOff + c] : 0f;
                for (int end = i + spatial; i < end; i++) {
                    float h = (x[i] - m) * s;
                    xhat[i] = h;
                    output[i] = g * h + beta;
                }
            }
        }
        return output;
    }

    /** Batch mean and inverse standard deviation (two passes), and the running-statistics update. */
    private void batchStatistics(float[] x, int batch, boolean update) {
        Arrays.fill(sum, 0);
        Arrays.fill(sum2, 0);
        for (int b = 0, i = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float s = 0f;
                for (int end = i + spatial; i < end; i++) {
                    s += x[i];
                }
                sum[c] += s;
            }
        }
        double count = (double) batch * spatial;
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (sum[c] / count);
        }
        for (int b = 0, i = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float m = mean[c];
                float s = 0f;
                for (int end = i + spatial; i < end; i++) {
                    float d = x[i] - m;
                    s += d * d;
                }
                sum2[c] += s;
            }
        }
        for (int c = 0; c < channels; c++) {
            double var = sum2[c] / count;
            invStd[c] = (float) (1.0 / Math.sqrt(var + epsilon));
            if (update) {
                double unbiased = count > 1 ? sum2[c] / (count - 1) : var;
                state[meanOff + c] = (float) ((double) momentum * state[meanOff + c] + (1.0 - momentum) * mean[c]);
                state[varOff + c] = (float) ((double) momentum * state[varOff + c] + (1.0 - momentum) * unbiased);
            }
        }
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        int n = batch * channels * spatial;
        Arrays.fill(sum, 0);
        Arrays.fill(sum2, 0);
        for (int b = 0, i = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float s = 0f;
                float sh = 0f;
                for (int end = i + spatial; i < end; i++) {
                    s += dy[i];
                    sh += dy[i] * xhat[i];
                }
                sum[c] += s;
                sum2[c] += sh;
            }
        }
        for (int c = 0; c < channels; c++) {
            if (scale) {
                grads[gammaOff + c] = (float) sum2[c];
            }
            if (center) {
                grads[betaOff + c] = (float) sum[c];
            }
        }
        if (!needInputGradient) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, n);
        double count = (double) batch * spatial;
        for (int c = 0; c < channels; c++) {
            gain[c] = (scale ? params[gammaOff + c] : 1f) * invStd[c];
        }
        for (int b = 0, i = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                float k = gain[c];
                if (batchStatistics) {
                    // dx = gamma/sigma * (dy - mean(dy) - xhat * mean(dy * xhat))
                    float meanDy = (float) (sum[c] / count);
                    float meanDyXhat = (float) (sum2[c] / count);
                    for (int end = i + spatial; i < end; i++) {
                        gradInput[i] = k * (dy[i] - meanDy - xhat[i] * meanDyXhat);
                    }
                } else {
                    for (int end = i + spatial; i < end; i++) {
                        gradInput[i] = k * dy[i];
                    }
                }
            }
        }
        return gradInput;
    }
}
