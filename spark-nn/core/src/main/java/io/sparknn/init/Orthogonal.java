package io.sparknn.init;

import java.util.SplittableRandom;

/**
 * Keras's {@code Orthogonal} (gain 1), the default recurrent-kernel initialiser of its LSTM and
 * GRU. The slice is read as a row-major matrix of {@code fanIn} rows and
 * {@code length / fanIn} columns; the result has orthonormal rows when there are fewer rows
 * than columns, else orthonormal columns. As in Keras, it is the Q factor (with a positive
 * diagonal R) of a matrix of standard normal draws, here computed by modified Gram-Schmidt in
 * double precision.
 */
final class Orthogonal implements Initializer {
    static final Orthogonal INSTANCE = new Orthogonal();

    private Orthogonal() {}

    @Override
    public String name() {
        return "orthogonal";
    }

    @Override
    public void fill(float[] w, int offset, int length, int fanIn, int fanOut, SplittableRandom rng) {
        FillArguments.checkSlice(name(), w, offset, length);
        if (length == 0) {
            return;
        }
        if (fanIn <= 0 || length % fanIn != 0) {
            throw new IllegalArgumentException("Initializer 'orthogonal' needs fanIn > 0 rows that divide the " + length
                    + " values of the weight matrix, got fanIn " + fanIn + ". Use it for matrix-shaped weights.");
        }
        int rows = fanIn;
        int cols = length / fanIn;
        int big = Math.max(rows, cols);
        int small = Math.min(rows, cols);
        // q: `small` vectors of length `big`, orthonormalised in turn.
        double[][] q = new double[small][big];
        for (int k = 0; k < small; k++) {
            for (int i = 0; i < big; i++) {
                q[k][i] = rng.nextGaussian();
            }
        }
        for (int k = 0; k < small; k++) {
            double[] v = q[k];
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < big; i++) {
                    dot += v[i] * q[p][i];
                }
                for (int i = 0; i < big; i++) {
                    v[i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < big; i++) {
                norm += v[i] * v[i];
            }
            double inv = 1 / Math.sqrt(norm);
            for (int i = 0; i < big; i++) {
                v[i] *= inv;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // rows < cols: row r is vector r; otherwise column c is vector c.
                w[offset + r * cols + c] = (float) (rows < cols ? q[r][c] : q[c][r]);
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
