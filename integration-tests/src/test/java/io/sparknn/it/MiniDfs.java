package io.sparknn.it;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** An HDFS namenode and one datanode in this JVM, on a free loopback port, for the tests that go through hdfs://. */
final class MiniDfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private boolean closed;

    private MiniDfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts the cluster with its blocks and metadata under {@code baseDir}, and waits until it serves. */
    static MiniDfs start(Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0"); // loopback only, a free port
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return new MiniDfs(cluster);
    }

    /** {@code hdfs://127.0.0.1:<port>}, the prefix of every path on this cluster. */
    String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cluster.shutdown();
        }
    }
}
