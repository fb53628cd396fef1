package dev.vla4j.cli;

import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.VlaCheckpoint;
import dev.vla4j.policy.ChunkExecution;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.vla.VlaPolicy;
import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.eval.BatchedRollouts;
import dev.vla4j.sim.experts.NoOpController;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.experts.RandomController;
import dev.vla4j.sim.rollout.Rollouts;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/** The policy {@code vla4j sim eval} runs: a scripted controller on a thread pool, or a trained model in batches. */
interface EvalPolicy extends AutoCloseable {
    /** Scores of {@code suite}'s tasks; {@code firstEpisode}, when not null, sees episode 0 of the first task. */
    List<TaskScore> evaluate(Suite suite, Split split, int episodesPerTask, long seed, EnvConfig config,
                             ObjIntConsumer<Observation> firstEpisode);

    /** How a model was called, or null for controllers. */
    BatchedRollouts.Batching batching();

    @Override
    void close();

    /**
     * {@code expert}, {@code random}, {@code noop}, or a model folder with {@value VlaCheckpoint#CONFIG}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code name} or the model it names
     */
    static EvalPolicy resolve(String name, int threads, int batch, Ablation ablation, Integer executeSteps,
                              Double ensembleDecay) {
        Map<String, Supplier<Controller>> controllers = Map.of("expert", PushExpert::new, "random",
                RandomController::new, "noop", NoOpController::new);
        if (controllers.containsKey(name)) {
            if (ablation.any()) {
                throw new IllegalArgumentException("--blank-instruction and --privileged-noise change what a trained "
                        + "policy sees; the " + name + " policy reads the simulator directly");
            }
            if (executeSteps != null || ensembleDecay != null) {
                throw new IllegalArgumentException("--execute-steps and --ensemble set how a model's chunks are "
                        + "executed; the " + name + " policy acts one step at a time");
            }
            return new Controllers(controllers.get(name), threads);
        }
        Path folder = Path.of(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("unknown policy '" + name + "': expected expert, random, noop or a "
                    + "trained model folder");
        }
        VlaPolicy policy = loadSimPolicy(folder);
        try {
            PolicyMetadata m = policy.metadata();
            int chunk = m.config().head().actionChunk();
            if (executeSteps != null && executeSteps > chunk) {
                throw new IllegalArgumentException("--execute-steps " + executeSteps + " exceeds the policy's chunk of "
                        + chunk + " actions");
            }
            if (ablation.privilegedNoise() > 0 && m.environmentState() == null) {
                throw new IllegalArgumentException("--privileged-noise perturbs the privileged state a policy trained "
                        + "with privileged_state=true reads; the policy in " + folder + " reads none");
            }
            Policy acting = ablation.any() ? ablation.wrap(policy) : policy;
            ChunkExecution execution = ensembleDecay != null ? ChunkExecution.ensembled(ensembleDecay)
                    : ChunkExecution.openLoop(executeSteps == null ? chunk : executeSteps);
            return new Model(policy, new BatchedRollouts(acting, m.cameras().get(0), execution, batch, threads));
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    /**
     * A trained model folder whose policy fits the simulator (one camera, its state and action sizes).
     *
     * @throws IllegalArgumentException naming what is wrong with the folder or the model in it
     */
    static VlaPolicy loadSimPolicy(Path folder) {
        if (!Files.isRegularFile(folder.resolve(VlaCheckpoint.CONFIG))) {
            throw new IllegalArgumentException("policy folder " + folder + " has no " + VlaCheckpoint.CONFIG
                    + ": not a trained vla4j policy");
        }
        VlaPolicy policy;
        try {
            policy = VlaPolicy.load(folder);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load the policy in " + folder + ": " + e.getMessage(), e);
        }
        PolicyMetadata m = policy.metadata();
        if (m.cameras().size() != 1 || m.actionSpace().dim() != 2 || m.state().dim() != Observation.PROPRIO_DIM) {
            policy.close();
            throw new IllegalArgumentException("the policy in " + folder + " takes cameras " + m.cameras()
                    + ", a state of " + m.state().dim() + " and actions of " + m.actionSpace().dim()
                    + " values; the simulator gives one camera, a state of " + Observation.PROPRIO_DIM
                    + " and takes actions of 2");
        }
        return policy;
    }

    /** A scripted controller, one per episode, on a thread pool ({@link Rollouts}). */
    record Controllers(Supplier<Controller> controllers, int threads) implements EvalPolicy {
        @Override
        public List<TaskScore> evaluate(Suite suite, Split split, int episodesPerTask, long seed, EnvConfig config,
                                        ObjIntConsumer<Observation> firstEpisode) {
            if (firstEpisode != null) {
                Rollouts.run(new TableEnv(suite, suite.tasks().get(0), split, config), controllers.get(), seed,
                        firstEpisode);
            }
            return Rollouts.evaluate(suite, split, controllers, episodesPerTask, seed, config, threads);
        }

        @Override
        public BatchedRollouts.Batching batching() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** A trained model, episodes in lockstep batches ({@link BatchedRollouts}). */
    record Model(VlaPolicy policy, BatchedRollouts rollouts) implements EvalPolicy {
        @Override
        public List<TaskScore> evaluate(Suite suite, Split split, int episodesPerTask, long seed, EnvConfig config,
                                        ObjIntConsumer<Observation> firstEpisode) {
            return rollouts.evaluate(suite, split, episodesPerTask, seed, config,
                    firstEpisode != null ? firstEpisode : (observation, step) -> { });
        }

        @Override
        public BatchedRollouts.Batching batching() {
            return rollouts.batching();
        }

        @Override
        public void close() {
            policy.close();
        }
    }
}
