package dev.vla4j.sim;

/**
 * Anything that picks actions: scripted experts, baselines, later trained policies. Experts may read the
 * privileged {@link EnvState}; a learned policy must use the observation only.
 */
public interface Controller {
    /** Called before each episode with the episode's seed (for controllers that draw random numbers). */
    default void reset(long episodeSeed) {
    }

    /** The action {dx, dy} in metres for this step. */
    float[] act(Observation observation, EnvState state);
}
