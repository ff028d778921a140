package io.sparknn.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparknn.distributed.spark.StepProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aStepRendersAsABarWithItsFigures() {
        assertEquals(
                "epoch 2/10 [=======>                      ] 120/469  loss 0.4321  5,120 samples/s  ETA 5:00",
                ProgressBar.render(new StepProgress(2, 10, 120, 469, 0.4321, 5120, 42, 300)));
        assertEquals(
                "epoch 10/10 [==============================] 469/469  loss 0.2000  12,000 samples/s  done 1:02:03",
                ProgressBar.render(new StepProgress(10, 10, 469, 469, 0.2, 12_000, 3723, 0)));
    }

    @Test
    void theConsoleRedrawsInPlaceAndEndsEachEpochWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress console = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console.accept(new StepProgress(1, 2, 1, 2, 10.5, 100, 1, 1234));
        console.accept(new StepProgress(1, 2, 2, 2, 0.5, 100, 2, 0));
        String[] frames = bytes.toString(StandardCharsets.UTF_8).split("\r", -1);
        assertEquals(3, frames.length);
        assertEquals(
                "epoch 1/2 [===============>              ] 1/2  loss 10.5000  100 samples/s  ETA 20:34", frames[1]);
        // The finished bar is one character shorter than the frame it replaces: padded over it.
        assertEquals(
                "epoch 1/2 [==============================] 2/2  loss 0.5000  100 samples/s  done 0:02 \n", frames[2]);
    }

    @Test
    void withoutATerminalNothingIsAttached() {
        // Surefire's forked JVM has no console, like Airflow or spark-submit logs.
        assertNull(ConsoleProgress.attachIfTerminal());
    }
}
