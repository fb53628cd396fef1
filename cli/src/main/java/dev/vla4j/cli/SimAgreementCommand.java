package dev.vla4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.policy.vla.VlaPolicy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.eval.ExpertAgreement;
import dev.vla4j.sim.eval.ExpertAgreement.PhaseStats;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Open-loop agreement of a trained policy with the scripted expert, on the expert's own trajectories. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {"Let the scripted expert play --episodes-per-task episodes of every task of a suite and ask a "
                + "trained policy, at every state, for its next action. Prints one JSON line per phase of the "
                + "expert (travel: steps over 2.25 cm, push: 1-2.25 cm, fine: under 1 cm) with the steps, the mean "
                + "distance between the two actions (mm), the mean cosine between their directions and the mean "
                + "step lengths. A policy that agrees here but fails `sim eval` suffers compounding errors; one "
                + "that disagrees here has not learned what to do.",
            "Exit 0 when done, 1 when it failed, 2 for bad input."},
        footer = {"", "Examples:", "  vla4j sim agreement --suite langtable-spatial --policy runs/small/checkpoints/last",
                "  vla4j sim agreement --suite langtable-goal --policy runs/small/checkpoints/last --blank-instruction"})
final class SimAgreementCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "SUITE",
            description = "langtable-spatial, langtable-object, langtable-goal or langtable-long.")
    private String suite;

    @Option(names = "--policy", required = true, paramLabel = "MODEL", description = "A trained model folder.")
    private Path policy;

    @Option(names = "--episodes-per-task", paramLabel = "N", defaultValue = "10",
            description = "Expert episodes per task (default: ${DEFAULT-VALUE}).")
    private int episodesPerTask;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "100000",
            description = "Seed of episode 0 (default: ${DEFAULT-VALUE}, as sim eval).")
    private long seed;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "held-in",
            description = "held-in or perturbation (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--blank-instruction", description = "Show the policy an empty instruction (the language ablation).")
    private boolean blankInstruction;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Side of the camera image, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Override
    public Integer call() {
        Suite selected;
        Split chosen;
        EnvConfig config;
        try {
            selected = Suites.byName(suite);
            chosen = Split.byId(split);
            config = EnvConfig.DEFAULT.withImageSize(imageSize);
            if (episodesPerTask < 1) {
                throw new IllegalArgumentException("--episodes-per-task must be at least 1, got " + episodesPerTask);
            }
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        VlaPolicy model;
        try {
            model = EvalPolicy.loadSimPolicy(policy);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        try (model) {
            List<PhaseStats> stats = ExpertAgreement.measure(model, model.metadata().cameras().get(0), selected, chosen,
                    episodesPerTask, seed, config, blankInstruction ? "" : null);
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            for (PhaseStats s : stats) {
                ObjectNode line = json.createObjectNode().put("suite", selected.name()).put("split", chosen.id())
                        .put("policy", policy.toString()).put("blank_instruction", blankInstruction)
                        .put("phase", s.phase().name().toLowerCase(java.util.Locale.ROOT)).put("steps", s.steps());
                number(line, "mean_error_mm", 1000 * s.meanErrorM());
                number(line, "mean_cosine", s.meanCosine());
                number(line, "mean_policy_step_mm", 1000 * s.meanPolicyStepM());
                number(line, "mean_expert_step_mm", 1000 * s.meanExpertStepM());
                out.println(line);
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": failed: " + e);
            return SimEvalCommand.FAILED;
        }
    }

    /** A mean, or null where a phase had nothing to average. */
    private static void number(ObjectNode line, String key, double value) {
        if (Double.isFinite(value)) {
            line.put(key, value);
        } else {
            line.putNull(key);
        }
    }
}
