package dev.vla4j.sim.rollout;

import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.RandomController;

/**
 * Throughput of the simulator on the calling thread: physics, success checks and rendering at the configured image
 * size, driven by {@link RandomController} (resetting whenever an episode ends; resets are included).
 */
public final class SimBench {
    private SimBench() {
    }

    /** Measured throughput. */
    public record Result(String suite, String task, int imageSize, int substeps, long steps, double seconds) {
        /** Environment steps per second. */
        public double stepsPerSecond() {
            return steps / seconds;
        }

        /** Mean wall time per step, microseconds. */
        public double microsPerStep() {
            return seconds * 1e6 / steps;
        }
    }

    /** Runs {@code warmup} untimed steps and then {@code steps} timed steps of {@code suite}/{@code task}. */
    public static Result measure(String suite, String task, EnvConfig config, int warmup, int steps) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need steps ≥ 1 and warmup ≥ 0, got " + steps + ", " + warmup);
        }
        TableEnv env = new TableEnv(suite, task, Split.HELD_IN, config);
        RandomController random = new RandomController();
        long[] seed = {0};
        run(env, random, warmup, seed);
        long t0 = System.nanoTime();
        run(env, random, steps, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(suite, task, config.imageSize(), config.substeps(), steps, seconds);
    }

    private static void run(TableEnv env, RandomController random, int steps, long[] seed) {
        var obs = env.reset(seed[0]);
        random.reset(seed[0]);
        for (int i = 0; i < steps; i++) {
            var r = env.step(random.act(obs, null));
            obs = r.observation();
            if (r.done()) {
                seed[0]++;
                random.reset(seed[0]);
                obs = env.reset(seed[0]);
            }
        }
    }
}
