package dev.vla4j.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Measures {@link BenchCase}s on the calling thread, one JSON line per case and intra-op thread count on
 * {@code out}, progress on {@code err}. Per thread count: set the threads, reset the peak RSS, warm up (the first
 * call also checks that the output is finite), time {@code reps} calls, then run the memory-flatness loop and
 * fail when a call left arrays in the model's manager or RSS grew by more than the bound. Every call runs in its own sub-manager, closed after the call and
 * inside the timing, so freeing the call's arrays counts as PyTorch's does.
 */
final class BenchRunner {
    /** How much to measure. */
    record Settings(List<Integer> threads, int warmup, int reps, int memoryCalls, double maxRssGrowthPercent,
                    int seed) {}

    /** A failed run: the exit code and a message for the user. */
    static final class Failure extends RuntimeException {
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static final int MEMORY_GREW = 3;
    static final int BAD_OUTPUT = 4;

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    BenchRunner(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Measures {@code benchCase} at every thread count of the settings, printing a JSON line for each. */
    void measure(BenchCase benchCase) {
        JniUtils.setGradMode(false); // grad mode is per thread and on in new threads (specs/djl.md §4)
        for (int threads : settings.threads()) {
            Measurement measurement = measure(benchCase, threads);
            out.println(measurement.toJson());
            out.flush();
            if (measurement.memoryLoop().arraysLeft() != 0) {
                throw new Failure(MEMORY_GREW, measurement.memoryLoop().arraysLeft() + " arrays were left in the "
                        + "model's manager by " + settings.memoryCalls() + " calls of " + benchCase.label() + " at "
                        + threads + " threads: an op put a per-call result in a long-lived manager");
            }
            if (measurement.memoryLoop().exceedsBound()) {
                throw new Failure(MEMORY_GREW, String.format(Locale.ROOT,
                        "RSS grew by %.1f MiB (%.1f%%) over %d calls of %s at %d threads, more than the %.0f%% "
                                + "bound: arrays are leaking out of the per-call manager",
                        measurement.memoryLoop().deltaMib().getAsDouble(),
                        measurement.memoryLoop().growthPercent().getAsDouble(), settings.memoryCalls(),
                        benchCase.label(), threads, settings.maxRssGrowthPercent()));
            }
        }
    }

    private Measurement measure(BenchCase benchCase, int threads) {
        JniUtils.setNumThreads(threads);
        if (JniUtils.getNumThreads() != threads) {
            throw new IllegalStateException("libtorch runs " + JniUtils.getNumThreads() + " intra-op threads after "
                    + "setNumThreads(" + threads + ")");
        }
        String what = benchCase.label() + " threads=" + threads;
        boolean peakReset = ProcessMemory.resetPeak();
        try (NDManager calls = NDManager.newBaseManager()) {
            progress("%s: warm-up %d", what, settings.warmup());
            double outputRms = checkedCall(benchCase, calls, what);
            for (int i = 1; i < settings.warmup(); i++) {
                timedCall(benchCase, calls);
            }
            OptionalDouble load = ProcessMemory.loadAverage();
            double[] latencies = new double[settings.reps()];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = timedCall(benchCase, calls);
                progress("%s: rep %d/%d %.1f ms", what, i + 1, latencies.length, latencies[i]);
            }
            progress("%s: memory loop of %d calls", what, settings.memoryCalls());
            int arraysBefore = benchCase.owner().getManagedArrays().size();
            double heapBefore = heapCommittedMib();
            OptionalDouble before = ProcessMemory.rssMib();
            for (int i = 0; i < settings.memoryCalls(); i++) {
                timedCall(benchCase, calls);
                if ((i + 1) % Math.max(1, settings.memoryCalls() / 4) == 0) {
                    progress("%s: memory loop %d/%d, RSS %.0f MiB", what, i + 1, settings.memoryCalls(),
                            ProcessMemory.rssMib().orElse(Double.NaN));
                }
            }
            Measurement.MemoryLoop loop = new Measurement.MemoryLoop(settings.memoryCalls(), before,
                    ProcessMemory.rssMib(), settings.maxRssGrowthPercent(), heapBefore, heapCommittedMib(),
                    benchCase.owner().getManagedArrays().size() - arraysBefore);
            return new Measurement(benchCase, threads, JniUtils.getNumInteropThreads(), JniUtils.isGradMode(),
                    settings.warmup(), LatencyStats.of(latencies), ProcessMemory.peakRssMib(), peakReset, loop,
                    outputRms, load, settings.seed(), Engine.getInstance().getEngineName() + " "
                    + Engine.getInstance().getVersion());
        }
    }

    private static double heapCommittedMib() {
        return Runtime.getRuntime().totalMemory() / (1024.0 * 1024.0);
    }

    /** One call; returns its wall time in ms, the closing of its manager included. */
    private static double timedCall(BenchCase benchCase, NDManager calls) {
        long start = System.nanoTime();
        try (NDManager call = calls.newSubManager()) {
            benchCase.call().apply(call);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** One untimed call whose output must be finite; returns the output's root mean square. */
    private static double checkedCall(BenchCase benchCase, NDManager calls, String what) {
        try (NDManager call = calls.newSubManager()) {
            NDArray output = benchCase.call().apply(call);
            if (output.isNaN().any().getBoolean() || output.isInfinite().any().getBoolean()) {
                throw new Failure(BAD_OUTPUT, what + ": the output " + output.getShape() + " is not finite");
            }
            return output.square().mean().sqrt().getFloat();
        }
    }

    private void progress(String format, Object... args) {
        BenchCommand.progress(err, format, args);
    }
}
