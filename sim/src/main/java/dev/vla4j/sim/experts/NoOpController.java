package dev.vla4j.sim.experts;

import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;

/** Never moves; catches goals that are satisfied without doing anything. */
public final class NoOpController implements Controller {
    @Override
    public float[] act(Observation observation, EnvState state) {
        return new float[] {0f, 0f};
    }
}
