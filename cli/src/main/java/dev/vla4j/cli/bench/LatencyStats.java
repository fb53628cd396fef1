package dev.vla4j.cli.bench;

import java.util.Arrays;

/**
 * Summary of per-call latencies in ms: min, median (mean of the middle two for an even count) and p99 by the
 * nearest-rank rule (the largest sample for fewer than 100 samples).
 */
record LatencyStats(double minMs, double medianMs, double p99Ms, int samples) {
    static LatencyStats of(double[] latenciesMs) {
        if (latenciesMs.length == 0) {
            throw new IllegalArgumentException("no latency samples");
        }
        double[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int p99Rank = (int) Math.ceil(0.99 * n); // 1-based nearest rank
        return new LatencyStats(sorted[0], median, sorted[p99Rank - 1], n);
    }
}
