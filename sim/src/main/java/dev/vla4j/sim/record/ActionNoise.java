package dev.vla4j.sim.record;

import dev.vla4j.sim.SeedTree;
import java.util.SplittableRandom;

/**
 * Gaussian noise of standard deviation {@code sigma} metres per axis on an action, drawn from a stream seeded by the
 * episode's seed (so noisy demonstrations are as reproducible as clean ones).
 */
final class ActionNoise {
    private static final long NOISE_STREAM = 0x6E6F697365L;

    private final SplittableRandom rng;
    private final double sigma;

    ActionNoise(double sigma, long episodeSeed) {
        this.sigma = sigma;
        this.rng = new SplittableRandom(SeedTree.mix(episodeSeed ^ NOISE_STREAM));
    }

    /** {@code action} (dx, dy) plus fresh noise. */
    float[] add(float[] action) {
        return new float[] {(float) (action[0] + sigma * rng.nextGaussian()),
            (float) (action[1] + sigma * rng.nextGaussian())};
    }
}
