package dev.vla4j.cli.bench;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every {@code vla4j bench} subcommand shares; defaults that depend on the model come from it. */
final class BenchOptions {
    @Option(names = "--threads", split = ",", paramLabel = "N", splitSynopsisLabel = ",", defaultValue = "1,2",
            description = "Intra-op thread counts to measure, in order (default: ${DEFAULT-VALUE}); inter-op "
                    + "threads are 1. The reference (specs/refbench.md) has 1 and 2.")
    List<Integer> threads;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Untimed calls per thread count, at least 1: the first also checks that the output is "
                    + "finite (default: see the description).")
    Integer warmup;

    @Option(names = "--reps", paramLabel = "N", description = "Timed calls per thread count (default: see the description).")
    Integer reps;

    @Option(names = "--calls-for-memory", paramLabel = "N",
            description = "Calls in the memory-flatness loop after the timed ones (default: see the description).")
    Integer memoryCalls;

    @Option(names = "--max-rss-growth", paramLabel = "PERCENT", defaultValue = "10",
            description = "Fail (exit 3) when RSS grows by more than this over the memory loop (default: ${DEFAULT-VALUE}).")
    double maxRssGrowthPercent;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random weights and inputs (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--tiny", hidden = true, description = "Tiny test configs instead of the full-size models.")
    boolean tiny;

    /** Validated settings; {@code warmup}, {@code reps} and {@code memoryCalls} are this subcommand's defaults. */
    BenchRunner.Settings settings(CommandLine command, int defaultWarmup, int defaultReps, int defaultMemoryCalls) {
        for (int n : threads) {
            if (n < 1) {
                throw new CommandLine.ParameterException(command, "--threads: every thread count must be at least 1, got "
                        + n + " in " + threads);
            }
        }
        int warmups = atLeast(command, "--warmup", warmup, defaultWarmup, 1);
        int timed = atLeast(command, "--reps", reps, defaultReps, 1);
        int loop = atLeast(command, "--calls-for-memory", memoryCalls, defaultMemoryCalls, 1);
        if (!(maxRssGrowthPercent >= 0)) {
            throw new CommandLine.ParameterException(command, "--max-rss-growth must be 0 or more, got "
                    + maxRssGrowthPercent);
        }
        return new BenchRunner.Settings(List.copyOf(threads), warmups, timed, loop, maxRssGrowthPercent, seed);
    }

    private static int atLeast(CommandLine command, String option, Integer given, int fallback, int minimum) {
        int value = given == null ? fallback : given;
        if (value < minimum) {
            throw new CommandLine.ParameterException(command, option + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
