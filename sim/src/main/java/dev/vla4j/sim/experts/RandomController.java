package dev.vla4j.sim.experts;

import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.SeedTree;
import dev.vla4j.sim.TableEnv;
import java.util.SplittableRandom;

/** The floor baseline: each step a displacement uniform in [−0.1, 0.1]² m, seeded from the episode's seed. */
public final class RandomController implements Controller {
    private SplittableRandom rng = new SplittableRandom(0);

    @Override
    public void reset(long episodeSeed) {
        rng = new SplittableRandom(SeedTree.mix(episodeSeed ^ 0x5DEECE66DL));
    }

    @Override
    public float[] act(Observation observation, EnvState state) {
        double m = TableEnv.MAX_DELTA_M;
        return new float[] {(float) ((2 * rng.nextDouble() - 1) * m), (float) ((2 * rng.nextDouble() - 1) * m)};
    }
}
