package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.ChunkExecution;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.NoOpController;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.rollout.Rollouts;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lockstep rollouts of a chunking policy: same episodes as the thread-pool rollouts, batched calls, fresh chunks. */
class BatchedRolloutsTest {
    private static final EnvConfig CONFIG = EnvConfig.DEFAULT.withImageSize(64);
    private static final int HORIZON = 3;
    private static final int CHAIN_CHUNK = 8;

    /** Stands still (like the no-op controller) and remembers every batch it was asked for. */
    private static final class StandStill implements Policy {
        final List<List<Observation>> batches = new ArrayList<>();

        @Override
        public ActionChunk predictChunk(Observation observation) {
            return predictChunks(List.of(observation)).get(0);
        }

        @Override
        public synchronized List<ActionChunk> predictChunks(List<Observation> observations) {
            batches.add(observations);
            return observations.stream().map(o -> new ActionChunk(new float[HORIZON][2])).toList();
        }
    }

    @Test
    void scoresMatchThePoolRolloutsAndEveryEpisodeStartsWithAFreshChunk() {
        Suite suite = Suites.byName("langtable-spatial");
        StandStill policy = new StandStill();
        BatchedRollouts rollouts = new BatchedRollouts(policy, "top", ChunkExecution.openLoop(HORIZON), 3, 2);
        List<dev.vla4j.sim.Observation> first = new ArrayList<>();
        List<TaskScore> batched = rollouts.evaluate(suite, Split.HELD_IN, 2, 40, CONFIG, (o, step) -> first.add(o));
        List<TaskScore> pooled = Rollouts.evaluate(suite, Split.HELD_IN, NoOpController::new, 2, 40, CONFIG, 2);
        assertEquals(pooled, batched);

        // Standing still fails every single-goal task after the step cap, so each of the 10 episodes lasts
        // STEPS_PER_GOAL steps and needs ceil(cap / horizon) chunks, counted from its own first step.
        assertEquals(0, batched.stream().mapToInt(TaskScore::successes).sum());
        int chunksPerEpisode = (Suites.STEPS_PER_GOAL + HORIZON - 1) / HORIZON;
        BatchedRollouts.Batching b = rollouts.batching();
        assertEquals(10L * chunksPerEpisode, b.observations());
        assertEquals(3, b.largestBatch());
        assertEquals(b.policyCalls(), policy.batches.size());
        assertTrue(b.policyCalls() < b.observations(), "calls were batched: " + b);
        assertTrue(policy.batches.stream().allMatch(batch -> batch.size() <= 3 && batch.stream()
                .allMatch(o -> o.images().containsKey("top") && o.state().length == 4)));

        // the watcher saw every observation of episode 0 (task 0, seed 40), from its reset on
        assertEquals(Suites.STEPS_PER_GOAL + 1, first.size());
        assertArrayEquals(new TableEnv(suite, suite.tasks().get(0), Split.HELD_IN, CONFIG).reset(40).rgb(),
                first.get(0).rgb());
    }

    /** Temporal ensembling asks the policy at every step of every episode, and the scores stay those of the pool. */
    @Test
    void ensembledRolloutsQueryEveryStep() {
        Suite suite = Suites.byName("langtable-spatial");
        StandStill policy = new StandStill();
        BatchedRollouts rollouts = new BatchedRollouts(policy, "top", ChunkExecution.ensembled(0.01), 3, 2);
        List<TaskScore> batched = rollouts.evaluate(suite, Split.HELD_IN, 2, 40, CONFIG, (o, step) -> { });
        assertEquals(Rollouts.evaluate(suite, Split.HELD_IN, NoOpController::new, 2, 40, CONFIG, 2), batched);
        assertEquals(10L * Suites.STEPS_PER_GOAL, rollouts.batching().observations());
        assertTrue(rollouts.batching().execution().ensembles());
    }

    /**
     * Plays the expert's actions of one episode back, chunk by chunk, from the observations and the watcher's step
     * alone, and logs the step and instruction of every query: the executed actions, and so the episode, are the
     * expert's whenever the queries come.
     */
    private static final class Replay implements Policy {
        final List<float[]> actions;
        final TreeMap<Integer, String> asked = new TreeMap<>(); // step of a query → its instruction
        int step;

        Replay(List<float[]> actions) {
            this.actions = actions;
        }

        @Override
        public ActionChunk predictChunk(Observation observation) {
            asked.put(step, observation.instruction());
            float[][] chunk = new float[CHAIN_CHUNK][];
            for (int t = 0; t < CHAIN_CHUNK; t++) {
                chunk[t] = step + t < actions.size() ? actions.get(step + t) : new float[2];
            }
            return new ActionChunk(chunk);
        }
    }

    /**
     * When a chain's goal is done mid-chunk, the rest of the chunk asked with the old instruction is dropped: every
     * step's action comes from a chunk asked with that step's instruction.
     */
    @Test
    void aChainsNextInstructionIsAskedForAtOnce() {
        Suite chains = Suites.byName("langtable-long");
        Suite suite = new Suite(chains.name(), chains.description(), List.of(chains.task("chain-2")));
        long seed = 41; // the first goal is done at step 15, with 1 action of the chunk asked at step 8 left
        TableEnv env = new TableEnv(suite, suite.tasks().get(0), Split.HELD_IN, CONFIG);
        PushExpert expert = new PushExpert();
        List<float[]> actions = new ArrayList<>();
        List<String> instructions = new ArrayList<>(); // of the observation each action is chosen on
        dev.vla4j.sim.Observation observation = env.reset(seed);
        StepResult result;
        do {
            actions.add(expert.act(observation, env.state()));
            instructions.add(observation.instruction());
            result = env.step(actions.get(actions.size() - 1));
            observation = result.observation();
        } while (!result.done());
        int change = IntStream.range(0, instructions.size())
                .filter(step -> !instructions.get(step).equals(instructions.get(0))).findFirst().orElse(-1);
        assertTrue(result.success() && change > 0 && change % CHAIN_CHUNK != 0,
                "the expert's episode changes its instruction mid-chunk, at step " + change);

        Replay policy = new Replay(actions);
        List<TaskScore> scores = new BatchedRollouts(policy, "top", ChunkExecution.openLoop(CHAIN_CHUNK), 1, 1)
                .evaluate(suite, Split.HELD_IN, 1, seed, CONFIG, (o, step) -> policy.step = step);
        assertEquals(1, scores.get(0).successes(), "the replay is the expert's episode");
        assertEquals(2, scores.get(0).completed());
        assertTrue(policy.asked.containsKey(change), "asked again at step " + change + ": " + policy.asked);
        for (int step = 0; step < instructions.size(); step++) {
            assertEquals(instructions.get(step), policy.asked.floorEntry(step).getValue(),
                    "the chunk executed at step " + step);
        }
    }
}
