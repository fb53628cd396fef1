package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.experts.RandomController;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import dev.vla4j.sim.tasks.TaskSpec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** An episode is a pure function of (suite, task, split, seed, actions): hashes of everything it emits agree. */
class DeterminismTest {
    private static final EnvConfig CONFIG = EnvConfig.DEFAULT.withImageSize(64);

    /** SHA-256 over every observation's image, proprio and instruction, every reward and done flag. */
    static String episodeHash(Suite suite, TaskSpec task, Split split, long seed, Supplier<Controller> controllers)
            throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        TableEnv env = new TableEnv(suite, task, split, CONFIG);
        Controller c = controllers.get();
        c.reset(seed);
        Observation obs = env.reset(seed);
        StepResult r = null;
        do {
            md.update(obs.rgb());
            ByteBuffer b = ByteBuffer.allocate(4 * Observation.PROPRIO_DIM + 9);
            for (float f : obs.proprio()) {
                b.putFloat(f);
            }
            if (r != null) {
                b.putDouble(r.reward()).put((byte) (r.done() ? 1 : 0));
            }
            md.update(b.array());
            md.update(obs.instruction().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            r = env.step(c.act(obs, env.state()));
            obs = r.observation();
        } while (!r.done());
        return HexFormat.of().formatHex(md.digest());
    }

    private record Job(Suite suite, TaskSpec task, Split split, long seed, boolean expert) {
        String hash() throws Exception {
            return episodeHash(suite, task, split, seed, expert ? PushExpert::new : RandomController::new);
        }
    }

    private static List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        long seed = 11;
        for (Suite s : Suites.ALL) {
            for (Split split : Split.values()) {
                TaskSpec t = s.tasks().get((int) (seed % s.tasks().size()));
                jobs.add(new Job(s, t, split, seed, seed % 2 == 0));
                seed++;
            }
        }
        return jobs;
    }

    private static List<String> run(List<Job> jobs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> f = new ArrayList<>();
            for (Job j : jobs) {
                f.add(pool.submit(j::hash));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> x : f) {
                out.add(x.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void identicalOnOneThreadAndOnFourConcurrentThreads() throws Exception {
        List<Job> jobs = jobs();
        List<String> serial = run(jobs, 1);
        assertEquals(serial, run(jobs, 4));
        assertEquals(serial, run(jobs, 1), "and again on a second run");
    }

    @Test
    void stablePerSuiteTaskAndSeedAndDifferentAcrossThem() throws Exception {
        Suite goal = Suites.byName("langtable-goal");
        TaskSpec task = goal.task("separate-blocks");
        String a = episodeHash(goal, task, Split.HELD_IN, 3, RandomController::new);
        assertEquals(a, episodeHash(goal, task, Split.HELD_IN, 3, RandomController::new));
        assertNotEquals(a, episodeHash(goal, task, Split.HELD_IN, 4, RandomController::new));
        assertNotEquals(a, episodeHash(goal, goal.task("block-to-block"), Split.HELD_IN, 3, RandomController::new));
        assertNotEquals(a, episodeHash(goal, task, Split.PERTURBED, 3, RandomController::new));
    }
}
