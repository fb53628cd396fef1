package dev.vla4j.sim.record;

import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.SeedTree;
import java.util.SplittableRandom;

/**
 * Another controller's actions plus Gaussian noise of standard deviation {@code sigma} metres per axis, drawn from
 * a stream seeded by the episode's seed (so noisy demonstrations are as reproducible as clean ones).
 */
final class NoisyController implements Controller {
    private static final long NOISE_STREAM = 0x6E6F697365L;

    private final Controller inner;
    private final double sigma;
    private SplittableRandom rng = new SplittableRandom(0);

    NoisyController(Controller inner, double sigma) {
        this.inner = inner;
        this.sigma = sigma;
    }

    @Override
    public void reset(long episodeSeed) {
        inner.reset(episodeSeed);
        rng = new SplittableRandom(SeedTree.mix(episodeSeed ^ NOISE_STREAM));
    }

    @Override
    public float[] act(Observation observation, EnvState state) {
        float[] action = inner.act(observation, state);
        return new float[] {(float) (action[0] + sigma * rng.nextGaussian()),
            (float) (action[1] + sigma * rng.nextGaussian())};
    }
}
