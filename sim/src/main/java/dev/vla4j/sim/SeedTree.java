package dev.vla4j.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Episode random streams (specs/sim.md §5.5): one {@link SplittableRandom} per episode, seeded from a SplitMix64
 * mix of (suite, task, seed) alone — never from time, threads or shared state — so an episode replays identically
 * on 1 thread, N threads or N JVMs.
 */
public final class SeedTree {
    private SeedTree() {
    }

    /** The root stream of episode {@code seed} of {@code suite}/{@code task}. */
    public static SplittableRandom episode(String suite, String task, long seed) {
        long h = mix(fnv1a(suite) ^ mix(fnv1a(task) + 0x9E3779B97F4A7C15L));
        return new SplittableRandom(mix(h ^ mix(seed)));
    }

    /** SplitMix64's finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }
}
