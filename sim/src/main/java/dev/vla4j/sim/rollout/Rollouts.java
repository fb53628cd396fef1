package dev.vla4j.sim.rollout;

import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs episodes of a controller and counts successes per task. Episode {@code i} of a task uses seed
 * {@code firstSeed + i}; every episode gets its own environment and controller, so results do not depend on the
 * number of threads.
 */
public final class Rollouts {
    private Rollouts() {
    }

    /** Outcome of one episode. */
    public record Episode(long seed, boolean success, int completed, int goals, int steps) {
    }

    /**
     * Success counts of one task.
     *
     * @param completed total instructions completed over all episodes (CALVIN-style length = completed/episodes)
     */
    public record TaskScore(String suite, String task, String family, Split split, int episodes, int successes,
                            int completed) {
        /** The score of {@code task} over {@code episodes}. */
        public static TaskScore of(Suite suite, TaskSpec task, Split split, List<Episode> episodes) {
            int successes = (int) episodes.stream().filter(Episode::success).count();
            int completed = episodes.stream().mapToInt(Episode::completed).sum();
            return new TaskScore(suite.name(), task.name(), task.family(), split, episodes.size(), successes,
                    completed);
        }

        /** Fraction of episodes that succeeded. */
        public double successRate() {
            return episodes == 0 ? 0 : (double) successes / episodes;
        }

        /** Mean number of instructions completed per episode. */
        public double meanCompleted() {
            return episodes == 0 ? 0 : (double) completed / episodes;
        }
    }

    /** Runs one episode of {@code env} with {@code controller} until done. */
    public static Episode run(TableEnv env, Controller controller, long seed) {
        return run(env, controller, seed, (observation, step) -> { });
    }

    /** As {@link #run(TableEnv, Controller, long)}, showing {@code watcher} every observation with its step. */
    public static Episode run(TableEnv env, Controller controller, long seed, ObjIntConsumer<Observation> watcher) {
        controller.reset(seed);
        Observation obs = env.reset(seed);
        watcher.accept(obs, 0);
        StepResult r;
        int steps = 0;
        do {
            r = env.step(controller.act(obs, env.state()));
            obs = r.observation();
            steps++;
            watcher.accept(obs, steps);
        } while (!r.done());
        return new Episode(seed, r.success(), (Integer) r.info().get("completed"), (Integer) r.info().get("goals"),
                steps);
    }

    /**
     * Runs {@code episodesPerTask} episodes of every task of {@code suite} on {@code threads} threads and returns
     * one score per task, in the suite's task order.
     */
    public static List<TaskScore> evaluate(Suite suite, Split split, Supplier<Controller> controllers,
                                           int episodesPerTask, long firstSeed, EnvConfig config, int threads) {
        if (episodesPerTask < 1 || threads < 1) {
            throw new IllegalArgumentException("need ≥ 1 episode per task and ≥ 1 thread, got "
                    + episodesPerTask + " and " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<List<Future<Episode>>> futures = new ArrayList<>();
            for (TaskSpec task : suite.tasks()) {
                List<Future<Episode>> perTask = new ArrayList<>();
                for (int i = 0; i < episodesPerTask; i++) {
                    long seed = firstSeed + i;
                    perTask.add(pool.submit(() -> run(new TableEnv(suite, task, split, config), controllers.get(),
                            seed)));
                }
                futures.add(perTask);
            }
            List<TaskScore> scores = new ArrayList<>();
            for (int t = 0; t < futures.size(); t++) {
                List<Episode> episodes = new ArrayList<>();
                for (Future<Episode> f : futures.get(t)) {
                    episodes.add(f.get());
                }
                scores.add(TaskScore.of(suite, suite.tasks().get(t), split, episodes));
            }
            return scores;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rollouts interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a rollout failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
