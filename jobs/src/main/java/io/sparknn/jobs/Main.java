package io.sparknn.jobs;

import io.sparknn.jobs.cli.DemoCommand;
import io.sparknn.jobs.cli.EvaluateCommand;
import io.sparknn.jobs.cli.ExportCommand;
import io.sparknn.jobs.cli.ImportCommand;
import io.sparknn.jobs.cli.ReportCommand;
import io.sparknn.jobs.cli.ScoreCommand;
import io.sparknn.jobs.cli.TrainCommand;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spark-nn <train|score|evaluate|report|import|export|demo>}: the main class of the shaded jar for
 * spark-submit and of the local launcher. Exit codes: 0 ok, 2 usage or config error, 3 input
 * data error, 1 anything else; a failure prints one line on stderr (the job's own message, or
 * else the innermost cause that explains it) and its cause chain to the log (logger
 * {@code io.sparknn.jobs.failure}).
 */
@Command(
        name = "spark-nn",
        mixinStandardHelpOptions = true,
        version = "spark-nn 0.1.0",
        description = "Neural-network jobs on Delta tables.",
        subcommands = {
            TrainCommand.class,
            ScoreCommand.class,
            EvaluateCommand.class,
            ReportCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            DemoCommand.class
        })
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    private static final Logger FAILURE_LOG = LoggerFactory.getLogger("io.sparknn.jobs.failure");

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "a command is required: train, score, evaluate, report, import, export or demo");
    }

    public static void main(String[] args) {
        int code = run(args);
        System.exit(code);
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return run(null, args);
    }

    /**
     * As {@link #run(String...)}, with the one-line error (and usage) going to {@code stderr}
     * instead of System.err, so that tests can assert on the message the user sees.
     */
    public static int run(PrintWriter stderr, String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (stderr != null) {
            cli.setErr(stderr);
        }
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            FAILURE_LOG.error("spark-nn {} failed", commandLine.getCommandName(), e);
            PrintWriter err = commandLine.getErr();
            err.println("spark-nn " + commandLine.getCommandName() + ": " + oneLine(e));
            err.flush();
            return exitCode(e);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("spark-nn " + e.getCommandLine().getCommandName() + ": " + e.getMessage());
            e.getCommandLine().usage(err);
            err.flush();
            return ConfigException.EXIT_CODE;
        });
        return cli.execute(args);
    }

    static int exitCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobException j) {
                return j.exitCode();
            }
        }
        return EXIT_FAILURE;
    }

    private static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobException) {
                return t.getMessage();
            }
        }
        return FailureCause.withContext(e) + " (full cause in the log)";
    }
}
