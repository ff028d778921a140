package io.sparknn.bench.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExecutorRssTest {
    private static final String STATUS = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 6581232 kB\n"
            + "VmHWM:\t 1734120 kB\nVmRSS:\t 1650000 kB\nRssAnon:\t 1201337 kB\nRssFile:\t  448663 kB\nThreads:\t57\n";

    @Test
    void readsKibFieldsOfAProcStatusFile() {
        assertEquals(1_734_120, ExecutorRss.kib(STATUS, "VmHWM"));
        assertEquals(1_201_337, ExecutorRss.kib(STATUS, "RssAnon"));
    }

    @Test
    void aMissingFieldIsZeroAndAFieldWithoutUnitIsAnError() {
        assertEquals(0, ExecutorRss.kib("Name:\tkthreadd\nThreads:\t1\n", "VmHWM"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExecutorRss.kib(STATUS, "Threads"));
        assertEquals("Unexpected /proc status line 'Threads:\t57'; expected 'Threads:  <n> kB'", e.getMessage());
    }

    @Test
    void findsNoExecutorsOfAnUnknownApplication() {
        try (ExecutorRss rss = new ExecutorRss("app-that-does-not-exist")) {
            rss.stop();
            assertEquals(0, rss.executorsSeen());
            assertEquals(0, rss.peakMib());
        }
    }
}
