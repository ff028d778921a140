package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Socket options of the ring links, applied before connecting and right after accepting.
 * Buffer sizes are left to the kernel's autotuning: fixed 4 MiB buffers measured no faster on
 * loopback, and autotuning adapts to real networks by itself.
 */
final class SocketTuning {
    private SocketTuning() {}

    static void apply(SocketChannel channel) throws IOException {
        // Barriers and metric reductions are tiny messages: never let Nagle delay them.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
}
