package io.sparknn.bench.engine;

/**
 * Entry point of {@code bin/spark-nn bench NAME [options]}. Exit codes: 0 success, 2 usage
 * error, 1 anything else, with one line on stderr naming the problem.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (BenchArgs.UsageException e) {
            System.err.println("spark-nn bench: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("spark-nn bench failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new BenchArgs.UsageException("usage: bench mlp|cnn [--epochs E] [--batch B] [--threads T] "
                    + "[--backend mkl|java|auto] [--data DIR] [--seed S] [--schedule constant|cosine|warmup-cosine] [--lr LR]\n"
                    + "       bench lstm [--epochs E] [--batch B] [--threads T] [--backend mkl|java|auto] "
                    + "[--train N] [--test N] [--seed S]\n"
                    + "       bench conv [--batch B] [--threads T] [--iterations I] [--warmup W] [--backend mkl|java]\n"
                    + "       bench pool|bn [--batch B] [--threads T] [--iterations I] [--warmup W]");
        }
        return switch (args[0]) {
            case "mlp" -> MlpBenchmark.run(new BenchArgs(args, 1));
            case "cnn" -> CnnBenchmark.run(new BenchArgs(args, 1));
            case "lstm" -> LstmBenchmark.run(new BenchArgs(args, 1));
            case "conv" -> ConvBenchmark.run(new BenchArgs(args, 1));
            case "pool" -> PoolBenchmark.run(new BenchArgs(args, 1));
            case "bn" -> BatchNormBenchmark.run(new BenchArgs(args, 1));
            default ->
                throw new BenchArgs.UsageException(
                        "Unknown benchmark '" + args[0] + "'. Available: mlp, cnn, lstm, conv, pool, bn");
        };
    }
}
