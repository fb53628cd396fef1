package dev.vla4j.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything measured for one case at one intra-op thread count, and its JSON line (the bench's output format).
 *
 * @param peakRssMib  VmHWM at the end of the case; with {@code peakRssReset} it was reset just before the warm-up
 * @param memoryLoop  RSS before and after the memory-flatness loop
 * @param outputRms   root mean square of the first call's output (shows activations did not vanish)
 */
record Measurement(BenchCase benchCase, int threads, int interopThreads, boolean gradMode, int warmup,
                   LatencyStats latency, OptionalDouble peakRssMib, boolean peakRssReset, MemoryLoop memoryLoop,
                   double outputRms, OptionalDouble loadAverage, int seed, String engine) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The memory-flatness loop: RSS in MiB before and after {@code calls} calls and the growth bound in percent
     * that was checked; the JVM heap committed before and after (part of the RSS); and the arrays the calls left
     * in the model's manager, which must be 0.
     */
    record MemoryLoop(int calls, OptionalDouble rssBeforeMib, OptionalDouble rssAfterMib, double boundPercent,
                      double heapBeforeMib, double heapAfterMib, int arraysLeft) {
        OptionalDouble deltaMib() {
            return rssBeforeMib.isPresent() && rssAfterMib.isPresent()
                    ? OptionalDouble.of(rssAfterMib.getAsDouble() - rssBeforeMib.getAsDouble()) : OptionalDouble.empty();
        }

        OptionalDouble growthPercent() {
            OptionalDouble delta = deltaMib();
            return delta.isPresent() ? OptionalDouble.of(100 * delta.getAsDouble() / rssBeforeMib.getAsDouble())
                    : OptionalDouble.empty();
        }

        boolean exceedsBound() {
            return growthPercent().isPresent() && growthPercent().getAsDouble() > boundPercent;
        }
    }

    /** The reference min at this thread count, if refbench has one. */
    Optional<Double> referenceMinMs() {
        return benchCase.reference().flatMap(row -> row.minMs(threads));
    }

    /** Our min / the reference min: below 1 is faster than upstream PyTorch. */
    Optional<Double> ratioToReference() {
        return referenceMinMs().map(reference -> latency.minMs() / reference);
    }

    ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("case", benchCase.bench());
        json.put("variant", benchCase.variant());
        if (benchCase.sizeField() != null) {
            json.put(benchCase.sizeField(), benchCase.size());
        }
        json.put("config", benchCase.tiny() ? "tiny" : "full");
        json.put("threads", threads);
        json.put("interop_threads", interopThreads);
        json.put("grad_mode", gradMode);
        json.put("batch", 1);
        json.put("warmup", warmup);
        json.put("reps", latency.samples());
        ObjectNode ms = json.putObject("latency_ms");
        ms.put("min", round(latency.minMs(), 3));
        ms.put("median", round(latency.medianMs(), 3));
        ms.put("p99", round(latency.p99Ms(), 3));
        Optional<ReferenceLatency.Row> row = benchCase.reference();
        putOrNull(json, "reference_min_ms", referenceMinMs(), 1);
        putOrNull(json, "ratio_to_reference", ratioToReference(), 3);
        putOrNull(json, "gflop_per_call", row.map(ReferenceLatency.Row::gflopPerCall), 1);
        putOrNull(json, "gflops_at_min", row.map(r -> r.gflopPerCall() / (latency.minMs() / 1000)), 1);
        putOrNull(json, "peak_rss_mib", peakRssMib, 1);
        json.put("peak_rss_reset", peakRssReset);
        putOrNull(json, "reference_peak_rss_mib", row.map(ReferenceLatency.Row::peakRssMib), 0);
        ObjectNode loop = json.putObject("memory_loop");
        loop.put("calls", memoryLoop.calls());
        putOrNull(loop, "rss_before_mib", memoryLoop.rssBeforeMib(), 1);
        putOrNull(loop, "rss_after_mib", memoryLoop.rssAfterMib(), 1);
        putOrNull(loop, "rss_delta_mib", memoryLoop.deltaMib(), 1);
        putOrNull(loop, "growth_pct", memoryLoop.growthPercent(), 2);
        loop.put("bound_pct", memoryLoop.boundPercent());
        loop.put("java_heap_before_mib", round(memoryLoop.heapBeforeMib(), 1));
        loop.put("java_heap_after_mib", round(memoryLoop.heapAfterMib(), 1));
        loop.put("arrays_left", memoryLoop.arraysLeft());
        json.put("output_rms", new BigDecimal(outputRms).round(new MathContext(4)).doubleValue());
        putOrNull(json, "loadavg_1m", loadAverage, 2);
        json.put("seed", seed);
        json.put("engine", engine);
        return json;
    }

    private static void putOrNull(ObjectNode json, String key, OptionalDouble value, int decimals) {
        putOrNull(json, key, value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty(), decimals);
    }

    private static void putOrNull(ObjectNode json, String key, Optional<Double> value, int decimals) {
        if (value.isPresent()) {
            json.put(key, round(value.get(), decimals));
        } else {
            json.putNull(key);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
