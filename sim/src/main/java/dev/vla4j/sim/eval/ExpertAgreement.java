package dev.vla4j.sim.eval;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.record.ExpertEpisode;
import dev.vla4j.sim.record.SimDataset;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How closely a policy's next action agrees with the scripted expert's on the expert's own trajectories (open
 * loop: the expert drives, the policy is only asked). It separates "the policy cannot tell what to do" from "small
 * errors compound in closed loop". Steps are grouped by the expert's step length: travel to the pre-push point
 * (longer than any push step, up to 3 cm), pushing ({@link PushExpert#MAX_PUSH_STEP_M} at most, 2.2 cm) and fine
 * moves (under 1 cm: slowing near the target, lateral corrections).
 */
public final class ExpertAgreement {
    /** The expert's phase, judged by its step length. */
    public enum Phase {
        TRAVEL, PUSH, FINE;

        static Phase of(double expertStepM) {
            return expertStepM > PushExpert.MAX_PUSH_STEP_M + 1e-4 ? TRAVEL : expertStepM >= 0.01 ? PUSH : FINE;
        }
    }

    /**
     * @param meanErrorM      mean distance between the policy's and the expert's action, metres
     * @param meanCosine      mean cosine between the two directions, over steps where both move
     * @param meanPolicyStepM mean length of the policy's action
     * @param meanExpertStepM mean length of the expert's action
     */
    public record PhaseStats(Phase phase, long steps, double meanErrorM, double meanCosine, double meanPolicyStepM,
                             double meanExpertStepM) {}

    private ExpertAgreement() {
    }

    /**
     * Plays {@code episodesPerTask} expert episodes per task (as {@link ExpertEpisode} records them) of {@code suite} from seed {@code seed} on, asking
     * {@code policy} (one batch per episode, frames under the name {@code camera}) for its first action at every
     * state; {@code instructionOverride}, when not null, replaces the instruction the policy sees.
     */
    public static List<PhaseStats> measure(Policy policy, String camera, Suite suite, Split split, int episodesPerTask,
                                           long seed, EnvConfig config, String instructionOverride) {
        Sums[] sums = {new Sums(), new Sums(), new Sums()};
        for (TaskSpec task : suite.tasks()) {
            for (int e = 0; e < episodesPerTask; e++) {
                List<dev.vla4j.policy.Observation> seen = new ArrayList<>();
                List<float[]> actions = new ArrayList<>();
                for (ExpertEpisode.Segment segment : ExpertEpisode.play(suite, task, split, config, seed + e, 0)
                        .segments()) {
                    String instruction = instructionOverride != null ? instructionOverride : segment.instruction();
                    Map<String, RgbImage> start = Map.of(camera, segment.frames().get(0).image(SimDataset.IMAGE));
                    for (Frame frame : segment.frames()) {
                        seen.add(new dev.vla4j.policy.Observation(Map.of(camera, frame.image(SimDataset.IMAGE)),
                                frame.floats(SimDataset.STATE), instruction,
                                frame.floats(SimDataset.ENVIRONMENT_STATE), start));
                        actions.add(frame.floats(SimDataset.ACTION));
                    }
                }
                List<ActionChunk> chunks = policy.predictChunks(seen);
                for (int t = 0; t < actions.size(); t++) {
                    float[] want = actions.get(t);
                    sums[Phase.of(Math.hypot(want[0], want[1])).ordinal()].add(want, chunks.get(t).action(0));
                }
            }
        }
        List<PhaseStats> stats = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            stats.add(sums[phase.ordinal()].stats(phase));
        }
        return stats;
    }

    private static final class Sums {
        long steps;
        long moving;
        double error;
        double cosine;
        double policyStep;
        double expertStep;

        void add(float[] expert, float[] policy) {
            double e = Math.hypot(expert[0], expert[1]);
            double p = Math.hypot(policy[0], policy[1]);
            steps++;
            error += Math.hypot(policy[0] - expert[0], policy[1] - expert[1]);
            policyStep += p;
            expertStep += e;
            if (e > 1e-6 && p > 1e-6) {
                moving++;
                cosine += (policy[0] * expert[0] + policy[1] * expert[1]) / (e * p);
            }
        }

        PhaseStats stats(Phase phase) {
            return new PhaseStats(phase, steps, mean(error, steps), mean(cosine, moving), mean(policyStep, steps),
                    mean(expertStep, steps));
        }

        private static double mean(double sum, long count) {
            return count == 0 ? Double.NaN : sum / count;
        }
    }
}
