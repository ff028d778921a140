package io.sparknn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The orthogonal initialiser gives orthonormal rows (wide matrices) or columns (tall ones). */
class OrthogonalTest {
    /** Float32 storage of unit vectors: dot products are exact to a few 1e-7. */
    private static final double TOL = 1e-5;

    private static float[] fill(int rows, int cols, long seed) {
        float[] w = new float[2 + rows * cols];
        Initializers.orthogonal().fill(w, 1, rows * cols, rows, 123, new SplittableRandom(seed));
        return w;
    }

    /** Gram matrix of the {@code n} vectors (rows, or columns when {@code columns}) at offset 1. */
    private static void assertOrthonormal(float[] w, int rows, int cols, boolean columns) {
        int n = columns ? cols : rows;
        int len = columns ? rows : cols;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < len; i++) {
                    int ia = columns ? i * cols + a : a * cols + i;
                    int ib = columns ? i * cols + b : b * cols + i;
                    dot += (double) w[1 + ia] * w[1 + ib];
                }
                assertEquals(a == b ? 1 : 0, dot, TOL, "vectors " + a + " and " + b);
            }
        }
    }

    @Test
    void wideMatrixHasOrthonormalRows() {
        // The LSTM recurrent kernel shape: [units, 4 units].
        float[] w = fill(8, 32, 1);
        assertOrthonormal(w, 8, 32, false);
        assertEquals(0f, w[0]);
        assertEquals(0f, w[w.length - 1]);
    }

    @Test
    void tallAndSquareMatricesHaveOrthonormalColumns() {
        assertOrthonormal(fill(20, 6, 2), 20, 6, true);
        assertOrthonormal(fill(7, 7, 3), 7, 7, true);
        assertOrthonormal(fill(7, 7, 3), 7, 7, false);
    }

    @Test
    void deterministicPerSeedAndByName() {
        assertArrayEquals(fill(4, 12, 5), fill(4, 12, 5));
        assertTrue(!java.util.Arrays.equals(fill(4, 12, 5), fill(4, 12, 6)));
        assertSame(Initializers.orthogonal(), Initializers.byName("orthogonal"));
    }

    @Test
    void aSliceThatIsNotAMatrixOfFanInRowsIsReported() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Initializers.orthogonal().fill(new float[10], 0, 10, 3, 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("fanIn 3") && e.getMessage().contains("10 values"), e.getMessage());
    }
}
