package dev.vla4j.cli;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What {@code vla4j sim eval} changes in what a trained policy sees: the language ablation (an empty instruction)
 * and a perception probe for privileged-state policies (Gaussian noise on the simulator's privileged state, in its
 * own units, metres for positions), which says how exact perception must be for the action setup to succeed.
 * The noise is drawn per observation from a seed of its values, so a run is reproducible whatever the batching.
 *
 * @param blankInstruction show an empty instruction
 * @param privilegedNoise  the noise's standard deviation on each privileged-state value (0: none)
 */
record Ablation(boolean blankInstruction, double privilegedNoise) {
    static final Ablation NONE = new Ablation(false, 0);

    Ablation {
        if (!(privilegedNoise >= 0) || Double.isInfinite(privilegedNoise)) {
            throw new IllegalArgumentException("--privileged-noise takes a finite standard deviation >= 0, got "
                    + privilegedNoise);
        }
    }

    /** Whether anything changes. */
    boolean any() {
        return blankInstruction || privilegedNoise > 0;
    }

    /** {@code policy} as the report names it, with what was changed. */
    String describe(String policy) {
        List<String> changes = new ArrayList<>();
        if (blankInstruction) {
            changes.add("instruction blanked");
        }
        if (privilegedNoise > 0) {
            changes.add(String.format(Locale.ROOT, "privileged state ± %.3g", privilegedNoise));
        }
        return changes.isEmpty() ? policy : policy + " (" + String.join(", ", changes) + ")";
    }

    /** What the policy is shown instead of {@code observation}. */
    Observation apply(Observation observation) {
        float[] environment = observation.environmentState();
        if (privilegedNoise > 0 && environment != null) {
            SplittableRandom random = new SplittableRandom(31L * Arrays.hashCode(environment)
                    + Arrays.hashCode(observation.state()));
            environment = environment.clone();
            for (int i = 0; i < environment.length; i++) {
                environment[i] += (float) (privilegedNoise * random.nextGaussian());
            }
        }
        return new Observation(observation.images(), observation.state(),
                blankInstruction ? "" : observation.instruction(), environment, observation.instructionStart());
    }

    /** {@code policy}, shown {@link #apply}'s observations. */
    Policy wrap(Policy policy) {
        return new Policy() {
            @Override
            public ActionChunk predictChunk(Observation observation) {
                return predictChunks(List.of(observation)).get(0);
            }

            @Override
            public List<ActionChunk> predictChunks(List<Observation> observations) {
                return policy.predictChunks(observations.stream().map(Ablation.this::apply).toList());
            }
        };
    }
}
