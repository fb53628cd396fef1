package dev.vla4j.cli;

import dev.vla4j.policy.report.Progress;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.eval.EvalReport;
import dev.vla4j.sim.eval.Filmstrip;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Evaluates a policy on a suite and writes eval_info.json and plots. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Run a policy on every task of a suite (or one --task), on the held-in and/or perturbation "
                + "split, and write RUN/eval_info.json (per task and overall: episodes, successes, success rate, "
                + "Wilson 95%% interval; for langtable-long the average number of instructions completed), "
                + "RUN/success_per_task.png and RUN/filmstrip.png (the first episode). Prints a table and a JSON "
                + "summary line.",
            "Episode i of a task uses seed --seed + i for every policy, so policies meet identical episodes. "
                + "expert, random and noop run on a thread pool; a model folder runs --batch episodes in lockstep, "
                + "one batched policy call per step.",
            "Exit 0 when done, 1 when the evaluation failed, 2 for bad input."},
        footer = {"", "Examples:",
                "  vla4j sim eval --suite langtable-spatial --policy expert --episodes-per-task 50 --out runs/eval-expert",
                "  vla4j sim eval --suite langtable-long --policy runs/small/checkpoints/last --split held-in "
                        + "--batch 16 --out runs/eval-small"})
final class SimEvalCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final String FILMSTRIP = "filmstrip.png";

    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "SUITE",
            description = "langtable-spatial, langtable-object, langtable-goal or langtable-long.")
    private String suite;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task of the suite (default: all).")
    private String task;

    @Option(names = "--policy", required = true, paramLabel = "POLICY",
            description = "expert, random, noop, or a trained model folder (with policy_config.json).")
    private String policy;

    @Option(names = "--episodes-per-task", paramLabel = "N", defaultValue = "50",
            description = "Episodes per task and split (default: ${DEFAULT-VALUE}).")
    private int episodesPerTask;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "100000", description = "Seed of episode 0 "
            + "(default: ${DEFAULT-VALUE}, far from sim record's default seeds, so evaluation episodes are unseen).")
    private long seed;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "both",
            description = "held-in, perturbation or both (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Folder for the results.")
    private Path out;

    @Option(names = "--blank-instruction", description = "Ablation: give a model policy an empty instruction, to "
            + "show how much it relies on language (scripted policies refuse it).")
    private boolean blankInstruction;

    @Option(names = "--privileged-noise", paramLabel = "SIGMA", defaultValue = "0", description = "Probe for a "
            + "policy trained with privileged_state=true: add Gaussian noise of this standard deviation (metres) to "
            + "each privileged-state value it reads, to see how exact perception must be (default: none).")
    private double privilegedNoise;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for rollouts (default: the cores).")
    private Integer threads;

    @Option(names = "--batch", paramLabel = "K", defaultValue = "8",
            description = "Episodes in lockstep for a model policy (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--execute-steps", paramLabel = "K", description = "Actions of a model's chunk executed open "
            + "loop before the next query, 1 to the chunk length (default: the whole chunk).")
    private Integer executeSteps;

    @Option(names = "--ensemble", paramLabel = "M", description = "Temporal ensembling (ACT) instead of open loop: "
            + "query the model every step and average the actions its overlapping chunks planned for that step, the "
            + "chunk made i steps after the oldest weighted exp(-M*i) (ACT: 0.01).")
    private Double ensembleDecay;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Side of the camera image, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Override
    public Integer call() {
        Instant started = Instant.now();
        Suite selected;
        List<Split> splits;
        EnvConfig config;
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        try {
            selected = select(Suites.byName(suite));
            splits = "both".equals(split) ? List.of(Split.values()) : List.of(Split.byId(split));
            config = EnvConfig.DEFAULT.withImageSize(imageSize);
            positive("--episodes-per-task", episodesPerTask);
            positive("--threads", threadCount);
            positive("--batch", batch);
            if (executeSteps != null) {
                positive("--execute-steps", executeSteps);
            }
            if (ensembleDecay != null && (executeSteps != null || !(ensembleDecay >= 0)
                    || Double.isInfinite(ensembleDecay))) {
                throw new IllegalArgumentException("--ensemble takes a finite decay >= 0 and excludes --execute-steps");
            }
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        try {
            Files.createDirectories(out);
            if (!Files.isWritable(out)) {
                throw new IOException("it is not writable");
            }
        } catch (IOException e) {
            return BadInput.report(spec, "cannot write results to " + out + ": " + e.getMessage());
        }
        EvalPolicy evaluated;
        Ablation ablation;
        try {
            ablation = new Ablation(blankInstruction, privilegedNoise);
            evaluated = EvalPolicy.resolve(policy, threadCount, batch, ablation, executeSteps, ensembleDecay);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        try (evaluated) {
            Filmstrip filmstrip = new Filmstrip();
            Map<Split, List<TaskScore>> scores = new LinkedHashMap<>();
            Progress progress = Progress.onStderr("evaluating splits", splits.size());
            for (Split s : splits) {
                List<TaskScore> perTask = evaluated.evaluate(selected, s, episodesPerTask, seed, config,
                        scores.isEmpty() ? filmstrip : null);
                scores.put(s, perTask);
                progress.update(scores.size(), s.id() + " " + perTask.stream().mapToInt(TaskScore::successes).sum()
                        + "/" + perTask.stream().mapToInt(TaskScore::episodes).sum());
            }
            EvalReport report = new EvalReport(new EvalReport.Run(commandLine(),
                    ablation.describe(policy), selected, seed,
                    episodesPerTask, imageSize, started, Instant.now()), scores, evaluated.batching());
            report.write(out);
            filmstrip.write(out.resolve(FILMSTRIP), selected.name() + " / " + selected.tasks().get(0).name() + " / "
                    + splits.get(0).id() + " / seed " + seed + " / " + policy);
            PrintWriter stdout = spec.commandLine().getOut();
            report.table().forEach(stdout::println);
            stdout.println("wrote " + out.resolve(EvalReport.INFO) + ", " + EvalReport.CHART + ", " + FILMSTRIP);
            stdout.println(report.summaryLine());
            stdout.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": evaluation failed: " + e);
            return FAILED;
        }
    }

    private Suite select(Suite all) {
        return task == null ? all : new Suite(all.name(), all.description(), List.of(all.task(task)));
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    private String commandLine() {
        return "vla4j " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }
}
