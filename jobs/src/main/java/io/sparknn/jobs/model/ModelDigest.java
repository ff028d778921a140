package io.sparknn.jobs.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A SHA-256 of a saved model's content: every data and metadata file under its directory, by
 * relative path (checksum files and markers such as _SUCCESS left out). A model trained again
 * at the same path has another digest, the same model copied elsewhere the same one.
 */
public final class ModelDigest {
    private ModelDigest() {}

    public static String of(Configuration conf, String dir) {
        Path root = new Path(dir);
        try {
            FileSystem fs = root.getFileSystem(conf);
            String prefix = fs.makeQualified(root).toUri().getPath();
            TreeMap<String, Path> files = new TreeMap<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                String name = f.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    files.put(f.getPath().toUri().getPath().substring(prefix.length()), f.getPath());
                }
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (var e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try (FSDataInputStream in = fs.open(e.getValue())) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the model files under " + dir + " to identify the model: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
