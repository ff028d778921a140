package io.sparknn.distributed.collective;

import static io.sparknn.distributed.collective.Reference.assertBitsEqual;

import io.sparknn.distributed.collective.Groups.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer's unit tests run on {@link InProcessCollective} and production on {@link
 * TcpCollective}: both must give the same bits for the same inputs, every rank alike.
 */
class ImplementationsAgreeTest {

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {2, 3, 4})
    void inProcessAndTcpGiveBitIdenticalSumsOnEveryRank(int size) {
        int length = 100_003;
        float[][] in = Reference.inputs(size * 1000L, size, length);
        float[][] inProcess = run(Kind.IN_PROCESS, in);
        float[][] tcp = run(Kind.TCP, in);
        for (int r = 0; r < size; r++) {
            assertBitsEqual(inProcess[0], inProcess[r], "in-process rank " + r + " vs rank 0");
            assertBitsEqual(inProcess[r], tcp[r], "rank " + r + " in-process vs TCP");
        }
    }

    /** Three steps of a sharded update: reduce-scatter, change the own slice, all-gather. */
    private static float[][] run(Kind kind, float[][] in) {
        List<Collective> group = Groups.create(kind, in.length);
        try {
            float[][] data = Reference.copy(in);
            Groups.onEveryRank(group, c -> {
                float[] d = data[c.rank()];
                for (int step = 0; step < 3; step++) {
                    c.reduceScatterSum(d, 0, d.length);
                    for (int i = c.sliceStart(c.rank(), d.length); i < c.sliceEnd(c.rank(), d.length); i++) {
                        d[i] = d[i] * 0.5f - 0.25f;
                    }
                    c.allGather(d, 0, d.length);
                    c.allReduceSum(d, 0, d.length);
                }
                return null;
            });
            return data;
        } finally {
            Groups.closeAll(group);
        }
    }
}
