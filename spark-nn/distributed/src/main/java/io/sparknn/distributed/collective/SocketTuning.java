package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/** Socket options of the ring links, applied before connecting and right after accepting. */
final class SocketTuning {
  /**
   * Socket send/receive buffer size; 0 leaves the kernel's autotuning alone. Overridable with
   * {@code -Dsparknn.collective.socketBufferBytes=N} for tuning on other networks.
   */
  static final int BUFFER_BYTES = Integer.getInteger("sparknn.collective.socketBufferBytes", 0);

  private SocketTuning() {}

  static void apply(SocketChannel channel) throws IOException {
    // Barriers and metric reductions are tiny messages: never let Nagle delay them.
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    if (BUFFER_BYTES > 0) {
      channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
    }
  }
}
