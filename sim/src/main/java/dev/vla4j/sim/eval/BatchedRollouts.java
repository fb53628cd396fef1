package dev.vla4j.sim.eval;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.ChunkExecution;
import dev.vla4j.policy.ChunkExecutor;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.rollout.Rollouts.Episode;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;

/**
 * Rollouts of a chunking {@link Policy} (a trained model) over {@code slots} episodes in lockstep: each step, the
 * slots' observations go through one {@link ChunkExecutor} (open loop or ensembled), which asks the policy for every slot that
 * needs a new chunk in one {@link Policy#predictChunks} batch; then the slots' environments step, on a small pool.
 * A slot whose episode ends takes the next one (its executor stream is reset), until every episode has run; a slot
 * whose instruction changes mid-episode (a {@code langtable-long} chain's next goal) asks for a fresh chunk at once,
 * as the executor drops the actions queued for another instruction.
 * Episode {@code i} of a task uses seed {@code firstSeed + i}, as in {@link dev.vla4j.sim.rollout.Rollouts}, so
 * policies are compared on the same episodes. Results may differ in the last bits from a run with another batch
 * size, since a model's batched arithmetic need not be bitwise identical to unbatched.
 */
public final class BatchedRollouts {
    /**
     * Stands for a slot without an episode; it never reaches the policy. Known by its camera, not by identity: the
     * executor hands on copies (with the instruction's first frames attached).
     */
    private static final String IDLE_CAMERA = "idle slot";
    private static final dev.vla4j.policy.Observation IDLE = new dev.vla4j.policy.Observation(
            Map.of(IDLE_CAMERA, new RgbImage(1, 1, new byte[3])), new float[0], "");
    private static final ActionChunk IDLE_CHUNK = new ActionChunk(new float[][] {{0f, 0f}});

    private final Policy policy;
    private final String camera;
    private final ChunkExecution execution;
    private final int slots;
    private final int threads;
    private long policyCalls;
    private long observations;
    private int largestBatch;

    /** How the policy was called so far. */
    public record Batching(long policyCalls, long observations, int largestBatch, ChunkExecution execution) {
        /** Mean observations per call. */
        public double meanBatch() {
            return policyCalls == 0 ? 0 : (double) observations / policyCalls;
        }
    }

    /**
     * A runner feeding camera images to {@code policy} under the name {@code camera}, executing its chunks as
     * {@code execution} says, with {@code slots} episodes in lockstep and {@code threads} threads for the physics.
     */
    public BatchedRollouts(Policy policy, String camera, ChunkExecution execution, int slots, int threads) {
        if (slots < 1 || threads < 1) {
            throw new IllegalArgumentException("need ≥ 1 slot and ≥ 1 thread, got " + slots + " and " + threads);
        }
        this.policy = policy;
        this.camera = camera;
        this.execution = execution;
        this.slots = slots;
        this.threads = threads;
    }

    /** Calls, observations and the largest batch over every evaluation so far. */
    public Batching batching() {
        return new Batching(policyCalls, observations, largestBatch, execution);
    }

    private static final class Slot {
        int job = -1;
        TableEnv env;
        Observation observation;
        int steps;
    }

    private record Job(TaskSpec task, long seed) {
    }

    /**
     * Runs {@code episodesPerTask} episodes of every task and returns one score per task, in the suite's order;
     * {@code firstEpisode} sees every observation of the first episode (task 0, seed {@code firstSeed}).
     */
    public List<TaskScore> evaluate(Suite suite, Split split, int episodesPerTask, long firstSeed, EnvConfig config,
                                    ObjIntConsumer<Observation> firstEpisode) {
        if (episodesPerTask < 1) {
            throw new IllegalArgumentException("need ≥ 1 episode per task, got " + episodesPerTask);
        }
        List<Job> jobs = new ArrayList<>();
        suite.tasks().forEach(task -> {
            for (int i = 0; i < episodesPerTask; i++) {
                jobs.add(new Job(task, firstSeed + i));
            }
        });
        Episode[] episodes = new Episode[jobs.size()];
        ChunkExecutor executor = new ChunkExecutor(new LiveSlots(), execution);
        Slot[] active = new Slot[Math.min(slots, jobs.size())];
        int next = 0;
        for (int s = 0; s < active.length; s++) {
            active[s] = new Slot();
            next = start(active[s], jobs, next, suite, split, config, firstEpisode);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, active.length));
        try {
            while (Arrays.stream(active).anyMatch(s -> s.job >= 0)) {
                List<float[]> actions = executor.nextActions(Arrays.stream(active)
                        .map(s -> s.job >= 0 ? toPolicy(s.observation, s.env) : IDLE).toList());
                StepResult[] results = stepAll(pool, active, actions);
                for (int s = 0; s < active.length; s++) {
                    Slot slot = active[s];
                    if (results[s] == null) {
                        continue;
                    }
                    StepResult r = results[s];
                    slot.steps++;
                    slot.observation = r.observation();
                    if (slot.job == 0) {
                        firstEpisode.accept(r.observation(), slot.steps);
                    }
                    if (r.done()) {
                        episodes[slot.job] = new Episode(jobs.get(slot.job).seed(), r.success(),
                                (Integer) r.info().get("completed"), (Integer) r.info().get("goals"), slot.steps);
                        next = start(slot, jobs, next, suite, split, config, firstEpisode);
                        executor.reset(s);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<TaskScore> scores = new ArrayList<>();
        for (int t = 0; t < suite.tasks().size(); t++) {
            scores.add(TaskScore.of(suite, suite.tasks().get(t), split,
                    Arrays.asList(episodes).subList(t * episodesPerTask, (t + 1) * episodesPerTask)));
        }
        return scores;
    }

    /** Puts job {@code next} (if any is left) into {@code slot}; returns the next job to hand out. */
    private static int start(Slot slot, List<Job> jobs, int next, Suite suite, Split split, EnvConfig config,
                             ObjIntConsumer<Observation> firstEpisode) {
        if (next >= jobs.size()) {
            slot.job = -1;
            slot.env = null;
            slot.observation = null;
            return next;
        }
        Job job = jobs.get(next);
        slot.job = next;
        slot.env = new TableEnv(suite, job.task(), split, config);
        slot.observation = slot.env.reset(job.seed());
        slot.steps = 0;
        if (next == 0) {
            firstEpisode.accept(slot.observation, 0);
        }
        return next + 1;
    }

    private static StepResult[] stepAll(ExecutorService pool, Slot[] slots, List<float[]> actions) {
        List<Callable<StepResult>> steps = new ArrayList<>();
        for (int s = 0; s < slots.length; s++) {
            Slot slot = slots[s];
            float[] action = actions.get(s);
            steps.add(() -> slot.job >= 0 ? slot.env.step(action) : null);
        }
        try {
            StepResult[] results = new StepResult[slots.length];
            List<Future<StepResult>> done = pool.invokeAll(steps);
            for (int s = 0; s < results.length; s++) {
                results[s] = done.get(s).get();
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rollouts interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an environment step failed: " + e.getCause(), e.getCause());
        }
    }

    /** The policy's view of a slot: its camera frame, state and instruction, and the simulator's privileged state. */
    private dev.vla4j.policy.Observation toPolicy(Observation o, TableEnv env) {
        return new dev.vla4j.policy.Observation(Map.of(camera, new RgbImage(o.width(), o.height(), o.rgb())),
                o.proprio(), o.instruction(), env.state().environmentState());
    }

    private static boolean isIdle(dev.vla4j.policy.Observation observation) {
        return observation.images().containsKey(IDLE_CAMERA);
    }

    /** The policy as the executor sees it: live slots go to the policy in one batch, idle ones get a placeholder. */
    private final class LiveSlots implements Policy {
        @Override
        public ActionChunk predictChunk(dev.vla4j.policy.Observation observation) {
            return predictChunks(List.of(observation)).get(0);
        }

        @Override
        public List<ActionChunk> predictChunks(List<dev.vla4j.policy.Observation> batch) {
            return predict(batch);
        }
    }

    private List<ActionChunk> predict(List<dev.vla4j.policy.Observation> batch) {
        List<dev.vla4j.policy.Observation> live = batch.stream().filter(o -> !isIdle(o)).toList();
        List<ActionChunk> chunks = live.isEmpty() ? List.of() : policy.predictChunks(live);
        if (!live.isEmpty()) {
            policyCalls++;
            observations += live.size();
            largestBatch = Math.max(largestBatch, live.size());
        }
        if (chunks.size() != live.size()) {
            throw new IllegalStateException("the policy returned " + chunks.size() + " chunks for " + live.size()
                    + " observations");
        }
        List<ActionChunk> all = new ArrayList<>(batch.size());
        int k = 0;
        for (dev.vla4j.policy.Observation o : batch) {
            all.add(isIdle(o) ? IDLE_CHUNK : chunks.get(k++));
        }
        return all;
    }
}
