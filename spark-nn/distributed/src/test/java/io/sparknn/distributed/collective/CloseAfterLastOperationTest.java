package io.sparknn.distributed.collective;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rank that finishes the last operation closes its links at once, while its neighbour may
 * still hold that operation's final message in its receive buffer, read together with the
 * previous operation's bytes. The neighbour must finish the operation, not report the closed
 * connection (seen in a two-executor training run before the fix).
 */
class CloseAfterLastOperationTest {

    @Test
    void aPeerClosingRightAfterTheLastOperationDoesNotFailTheOthers() {
        for (int round = 0; round < 30; round++) {
            List<Collective> group = Groups.tcp(2);
            Groups.onEveryRank(group, c -> {
                float[] data = new float[5000];
                double[] small = new double[3];
                for (int i = 0; i < 40; i++) {
                    java.util.Arrays.fill(data, c.rank() + 1);
                    c.allReduceSum(data, 0, data.length);
                    small[0] = i;
                    c.allReduceSum(small);
                }
                c.close(); // immediately, as a finished Spark task does
                return null;
            });
        }
    }
}
