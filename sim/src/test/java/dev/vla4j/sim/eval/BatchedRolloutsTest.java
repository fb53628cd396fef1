package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.NoOpController;
import dev.vla4j.sim.rollout.Rollouts;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lockstep rollouts of a chunking policy: same episodes as the thread-pool rollouts, batched calls, fresh chunks. */
class BatchedRolloutsTest {
    private static final EnvConfig CONFIG = EnvConfig.DEFAULT.withImageSize(64);
    private static final int HORIZON = 3;

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
        BatchedRollouts rollouts = new BatchedRollouts(policy, "top", HORIZON, 3, 2);
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
}
