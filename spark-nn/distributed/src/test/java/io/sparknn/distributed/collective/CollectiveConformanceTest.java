package io.sparknn.distributed.collective;

import static io.sparknn.distributed.collective.Reference.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.distributed.collective.Groups.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour checks on both implementations and group sizes 1 to 4. */
class CollectiveConformanceTest {

    static Stream<Arguments> groups() {
        List<Arguments> args = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int size = 1; size <= 4; size++) {
                args.add(Arguments.of(kind, size));
            }
        }
        return args.stream();
    }

    /** Lengths around the group size and odd sizes, with a prefix and suffix that must survive. */
    private static final int[] LENGTHS = {0, 1, 2, 3, 5, 17, 1000, 262_147};

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("groups")
    void allReduceSumIsTheRingOrderSumOnEveryRank(Kind kind, int size) {
        List<Collective> group = Groups.create(kind, size);
        try {
            for (int length : LENGTHS) {
                int offset = 3;
                float[][] in = Reference.inputs(length, size, offset + length + 2);
                float[][] data = Reference.copy(in);
                Groups.onEveryRank(group, c -> {
                    c.allReduceSum(data[c.rank()], offset, length);
                    return null;
                });
                for (int r = 0; r < size; r++) {
                    assertBitsEqual(
                            Reference.ringOrderSum(in, offset, length, r),
                            data[r],
                            kind + " rank " + r + " length " + length);
                    Reference.assertCloseToExactSum(in, offset, length, data[r]);
                }
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("groups")
    void reduceScatterLeavesEachRankItsSummedSlice(Kind kind, int size) {
        List<Collective> group = Groups.create(kind, size);
        try {
            for (int length : LENGTHS) {
                float[][] in = Reference.inputs(31 + length, size, length);
                float[][] data = Reference.copy(in);
                Groups.onEveryRank(group, c -> {
                    c.reduceScatterSum(data[c.rank()], 0, length);
                    return null;
                });
                for (int r = 0; r < size; r++) {
                    float[] expected = Reference.ringOrderSum(in, 0, length, r);
                    int start = Collective.sliceStart(r, size, length);
                    int end = Collective.sliceEnd(r, size, length);
                    for (int i = start; i < end; i++) {
                        assertEquals(
                                Float.floatToRawIntBits(expected[i]),
                                Float.floatToRawIntBits(data[r][i]),
                                "rank " + r + " element " + i);
                    }
                }
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("groups")
    void allGatherCopiesEveryOwnersSlice(Kind kind, int size) {
        List<Collective> group = Groups.create(kind, size);
        try {
            for (int length : LENGTHS) {
                int offset = 1;
                float[][] in = Reference.inputs(77 + length, size, offset + length + 1);
                float[][] data = Reference.copy(in);
                Groups.onEveryRank(group, c -> {
                    c.allGather(data[c.rank()], offset, length);
                    return null;
                });
                for (int r = 0; r < size; r++) {
                    float[] expected = in[r].clone();
                    for (int owner = 0; owner < size; owner++) {
                        int start = offset + Collective.sliceStart(owner, size, length);
                        int end = offset + Collective.sliceEnd(owner, size, length);
                        System.arraycopy(in[owner], start, expected, start, end - start);
                    }
                    assertBitsEqual(expected, data[r], kind + " rank " + r + " length " + length);
                }
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("groups")
    void doubleAllReduceAddsInRankOrderAndBarrierReturns(Kind kind, int size) {
        List<Collective> group = Groups.create(kind, size);
        try {
            List<double[]> results = Groups.onEveryRank(group, c -> {
                c.barrier();
                double[] v = {0.1 * (c.rank() + 1), 1e16, c.rank() == 0 ? -1e16 : 1.0, 7};
                c.allReduceSum(v);
                double[] empty = new double[0];
                c.allReduceSum(empty);
                double[] largest = new double[Collective.MAX_SMALL_VALUES];
                Arrays.fill(largest, c.rank() + 1);
                c.allReduceSum(largest);
                for (double x : largest) {
                    assertEquals(size * (size + 1) / 2.0, x, 0.0, "the largest allowed metrics array");
                }
                c.barrier();
                return v;
            });
            double[] expected = new double[4];
            for (int r = 0; r < size; r++) {
                double[] v = {0.1 * (r + 1), 1e16, r == 0 ? -1e16 : 1.0, 7};
                for (int i = 0; i < 4; i++) {
                    expected[i] += v[i];
                }
            }
            for (double[] v : results) {
                assertArrayEquals(expected, v, 0.0, kind + ": sums in rank order, bit-exact");
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest(name = "{0} size {1}")
    @MethodSource("groups")
    void hundredsOfMixedCallsStayInStep(Kind kind, int size) {
        List<Collective> group = Groups.create(kind, size);
        int iterations = 300;
        float[][][] inputs = new float[iterations][][];
        for (int it = 0; it < iterations; it++) {
            inputs[it] = Reference.inputs(1000 + it, size, it % 41);
        }
        try {
            List<float[][]> results = Groups.onEveryRank(group, c -> {
                float[][] out = new float[iterations][];
                double[] metric = new double[1];
                for (int it = 0; it < iterations; it++) {
                    out[it] = inputs[it][c.rank()].clone();
                    switch (it % 4) {
                        case 0, 1 -> c.allReduceSum(out[it], 0, out[it].length);
                        case 2 -> {
                            c.reduceScatterSum(out[it], 0, out[it].length);
                            c.allGather(out[it], 0, out[it].length);
                        }
                        default -> {
                            metric[0] = 1;
                            c.allReduceSum(metric);
                            out[it] = new float[] {(float) metric[0]};
                        }
                    }
                }
                return out;
            });
            for (int it = 0; it < iterations; it++) {
                float[] expected = it % 4 == 3
                        ? new float[] {size}
                        : Reference.ringOrderSum(inputs[it], 0, inputs[it][0].length, 0);
                for (int r = 0; r < size; r++) {
                    assertBitsEqual(expected, results.get(r)[it], kind + " iteration " + it + " rank " + r);
                }
            }
        } finally {
            Groups.closeAll(group);
        }
    }
}
