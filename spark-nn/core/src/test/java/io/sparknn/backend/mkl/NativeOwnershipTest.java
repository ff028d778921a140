package io.sparknn.backend.mkl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.train.DataParallelStep;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

/**
 * Native memory has one owner with a lifetime: a network frees its oneDNN primitives when it
 * closes, a training step frees its replicas', a convolution's construction leaves nothing on
 * the thread's JavaCPP scope stack, and MKL staging buffers do not pile up per thread. The
 * surefire environment sets OMP_NUM_THREADS=1, so the mkl backend runs convolutions on oneDNN.
 */
class NativeOwnershipTest {
    /** Two convolutions, as in the seed-004 CNN, on small images so that 50 networks stay quick. */
    private static NetworkSpec cnn() {
        return NetworkSpec.builder(1, 10, 10)
                .conv2d(4, 3, Activation.RELU)
                .conv2d(4, 3, Activation.RELU)
                .maxPooling2d(2)
                .flatten()
                .dense(3, Activation.SOFTMAX)
                .build();
    }

    private static float[] images(int n) {
        float[] x = new float[n * 100];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @Test
    void fiftyClosedNetworksLeaveNoLivePrimitivesAndNoJavaCppBytes() {
        try (MklBackend mkl = MklBackend.create(1)) {
            float[] x = images(8);
            try (Network warm = Network.create(cnn(), mkl, 0)) {
                warm.predict(x, 8); // loads oneDNN's kernels once, outside the count below
            }
            long bytesBefore = Pointer.totalBytes();
            for (int i = 0; i < 50; i++) {
                try (Network net = Network.create(cnn(), mkl, i)) {
                    net.predict(x, 8);
                    net.predict(x, 3); // a short last batch: a second primitive per layer
                    assertEquals(4, mkl.liveConvolutions(), "2 conv layers x 2 batch sizes while the network is open");
                }
                assertEquals(0, mkl.liveConvolutions(), "network " + i + " left primitives behind");
            }
            // The plain NCHW buffers of the primitives are JavaCPP allocations; every one is freed
            // on close, so the count is exactly back (nothing else allocates through JavaCPP here).
            assertEquals(bytesBefore, Pointer.totalBytes(), "JavaCPP bytes after 50 networks");
        }
    }

    @Test
    void aLayerKeepsAtMostFourBatchSizes() {
        try (MklBackend mkl = MklBackend.create(1);
                Network net = Network.create(cnn(), mkl, 0)) {
            float[] x = images(10);
            for (int b = 1; b <= 10; b++) {
                net.predict(x, b);
            }
            assertEquals(2 * 4, mkl.liveConvolutions(), "2 conv layers x the 4 most recent batch sizes");
            float[] expected = net.predict(x, 1).clone(); // an evicted size is re-created and still right
            try (Network fresh = Network.create(cnn(), mkl, 0)) {
                float[] y = fresh.predict(x, 1);
                for (int j = 0; j < 3; j++) {
                    assertEquals(y[j], expected[j], 1e-6f);
                }
            }
        }
    }

    @Test
    void aTrainingStepClosesItsReplicas() {
        NetworkSpec spec = cnn();
        int n = 12;
        LabeledSamples data = new LabeledSamples(images(n), spec.inputShape(), new float[n], 1, null);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        try (MklBackend mkl = MklBackend.create(1);
                Network net = Network.create(spec, mkl, 0)) {
            try (DataParallelStep step = new DataParallelStep(spec, mkl, net.params(), 2)) {
                step.run(data, order, 0, n, new SoftmaxCrossEntropy(), 1f / n, 7L, 0L);
                assertEquals(4, mkl.liveConvolutions(), "2 replicas x 2 conv layers during the step");
            }
            assertEquals(0, mkl.liveConvolutions(), "closing the step frees its replicas' primitives");
        }
    }

    @Test
    void constructionLeavesNoScopeOnTheThreadAndCloseWorksFromAnotherThread() throws Exception {
        assertNull(PointerScope.getInnerScope());
        OneDnnConvolution conv = new OneDnnConvolution(2, 1, 6, 6, 2, 3, 3, 1, 1, new int[] {0, 0, 0, 0});
        assertNull(PointerScope.getInnerScope(), "the primitive's scope must not stay open on the building thread");
        long bytes = Pointer.totalBytes();
        Thread closer = new Thread(conv::close);
        closer.start();
        closer.join();
        assertTrue(
                Pointer.totalBytes() < bytes,
                "closing on another thread frees the buffers: " + Pointer.totalBytes() + " >= " + bytes);
    }

    @Test
    void stagingBuffersDoNotPileUpPerThread() throws Exception {
        try (MklBackend mkl = MklBackend.create(1)) {
            float[] a = new float[64 * 64];
            float[] c = new float[64 * 64];
            // Twenty short-lived threads, one after the other, as Spark task threads come and go.
            for (int i = 0; i < 20; i++) {
                Thread t = new Thread(() -> mkl.sgemm(false, false, 64, 64, 64, 1f, a, 0, 64, a, 0, 64, 0f, c, 0, 64));
                t.start();
                t.join();
            }
            assertEquals(1, mkl.stagingSets(), "one staging set serves calls that never overlapped");
        }
    }
}
