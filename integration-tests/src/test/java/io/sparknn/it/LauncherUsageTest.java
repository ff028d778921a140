package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/spark-nn}'s usage: help asked for is not an error; a missing or unknown command is. */
class LauncherUsageTest {

    private record Result(int code, String out, String err) {}

    private static Result launcher(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Checkout.dir().resolve("bin/spark-nn").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/spark-nn did not exit");
        return new Result(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpGoesToStdoutWithExitCode0() throws Exception {
        for (String flag : new String[] {"--help", "-h", "help"}) {
            Result r = launcher(flag);
            assertEquals(0, r.code(), flag + ": " + r.err());
            assertTrue(r.out().startsWith("usage: bin/spark-nn <command>"), r.out());
            assertTrue(r.out().contains("bench mlp"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void missingOrUnknownCommandIsAUsageErrorWithExitCode2() throws Exception {
        Result none = launcher();
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("usage: bin/spark-nn"), none.err());
        Result unknown = launcher("trian");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("spark-nn: unknown command 'trian'"), unknown.err());
        assertEquals("", unknown.out());
    }
}
