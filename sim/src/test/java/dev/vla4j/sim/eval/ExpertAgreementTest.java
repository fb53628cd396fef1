package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.eval.ExpertAgreement.Phase;
import dev.vla4j.sim.eval.ExpertAgreement.PhaseStats;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy is asked at exactly the expert's states, in order, and the statistics mean what they say. */
class ExpertAgreementTest {
    private static final EnvConfig CONFIG = EnvConfig.DEFAULT.withImageSize(64);
    private static final Suite SUITE = Suites.byName("langtable-spatial");

    /** Answers with a fixed list of actions, in the order asked, and records the instructions it saw. */
    private static final class Scripted implements Policy {
        final Deque<float[]> answers;
        final List<String> instructions = new ArrayList<>();

        Scripted(List<float[]> answers) {
            this.answers = new ArrayDeque<>(answers);
        }

        @Override
        public ActionChunk predictChunk(Observation observation) {
            instructions.add(observation.instruction());
            return new ActionChunk(new float[][] {answers.isEmpty() ? new float[2] : answers.poll()});
        }
    }

    /** The expert's actions over 2 episodes per task from seed 5, as the measurement plays them. */
    private static List<float[]> expertActions() {
        List<float[]> actions = new ArrayList<>();
        PushExpert expert = new PushExpert();
        for (TaskSpec task : SUITE.tasks()) {
            for (int e = 0; e < 2; e++) {
                TableEnv env = new TableEnv(SUITE, task, Split.HELD_IN, CONFIG);
                dev.vla4j.sim.Observation obs = env.reset(5 + e);
                StepResult r;
                do {
                    float[] action = env.appliedAction(expert.act(obs, env.state()));
                    actions.add(action);
                    r = env.step(action);
                    obs = r.observation();
                } while (!r.done());
            }
        }
        return actions;
    }

    @Test
    void aPolicyThatRepeatsTheExpertAgreesExactly() {
        List<float[]> expert = expertActions();
        Scripted policy = new Scripted(expert);
        List<PhaseStats> stats = ExpertAgreement.measure(policy, "top", SUITE, Split.HELD_IN, 2, 5, CONFIG, null);
        assertEquals(expert.size(), stats.stream().mapToLong(PhaseStats::steps).sum());
        assertTrue(policy.answers.isEmpty());
        for (PhaseStats s : stats) {
            if (s.steps() > 0) {
                assertEquals(0, s.meanErrorM(), 1e-9, s.toString());
                assertEquals(s.meanExpertStepM(), s.meanPolicyStepM(), 1e-9, s.toString());
            }
        }
        assertTrue(stats.get(Phase.TRAVEL.ordinal()).steps() > 0 && stats.get(Phase.PUSH.ordinal()).steps() > 0);
        assertEquals(1, stats.get(Phase.TRAVEL.ordinal()).meanCosine(), 1e-6);
        assertTrue(policy.instructions.stream().noneMatch(String::isEmpty));
    }

    @Test
    void standingStillMissesByTheExpertsStepAndABlankedInstructionIsBlank() {
        Scripted still = new Scripted(List.of());
        List<PhaseStats> stats = ExpertAgreement.measure(still, "top", SUITE, Split.HELD_IN, 2, 5, CONFIG, "");
        for (PhaseStats s : stats) {
            if (s.steps() > 0) {
                assertEquals(s.meanExpertStepM(), s.meanErrorM(), 1e-9, s.toString());
                assertEquals(0, s.meanPolicyStepM());
                assertTrue(Double.isNaN(s.meanCosine()), "no direction to compare: " + s);
            }
        }
        assertTrue(still.instructions.stream().allMatch(String::isEmpty));
    }

    @Test
    void phasesFollowTheExpertsStepLength() {
        assertEquals(Phase.TRAVEL, Phase.of(0.03));
        assertEquals(Phase.PUSH, Phase.of(0.022));
        assertEquals(Phase.PUSH, Phase.of(0.01));
        assertEquals(Phase.FINE, Phase.of(0.004));
    }
}
