package dev.vla4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.policy.dataset.DatasetFormatException;
import dev.vla4j.policy.train.TrainConfig;
import dev.vla4j.policy.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Behaviour cloning of a VLA on a recorded dataset. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a VLA (FastVLM perception + Bridge Attention head) by behaviour cloning on a LeRobot "
                + "dataset. Writes RUN/config.json, RUN/metrics.jsonl, RUN/learning_curve.png and "
                + "RUN/checkpoints/step-N (RUN/checkpoints/last = the newest); --resume continues exactly.",
        footer = {"", "Examples:",
                "  vla4j sim record --suite langtable-spatial --episodes 200 --out data/spatial",
                "  vla4j train --dataset data/spatial --config small --out runs/spatial",
                "  vla4j train --dataset data/spatial --config small --out runs/quick --set steps=500 --set lr=3e-4",
                "  vla4j train --resume runs/spatial",
                "  vla4j sim eval --suite langtable-spatial --policy runs/spatial/checkpoints/last --out evals/spatial"})
final class TrainCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DIR", description = "A LeRobot v3 dataset (vla4j sim record).")
    private Path dataset;

    @Option(names = "--config", paramLabel = "PRESET|FILE", defaultValue = "small",
            description = "tiny (tests, seconds), small (the simulator benchmark), fastvlm-0.5b (a GPU), or a JSON file "
                    + "of training keys (default: ${DEFAULT-VALUE}).")
    private String config;

    @Option(names = "--out", paramLabel = "RUN", description = "The run folder to create (empty or absent).")
    private Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue this run from its last checkpoint.")
    private Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a training key, e.g. steps=500, lr=3e-4, "
            + "batch_size=16, lm=lora, augment=false (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--until-step", paramLabel = "N", description = "Stop after step N (with a checkpoint) so the run can "
            + "be resumed later; default: the config's steps.")
    private long untilStep = Long.MAX_VALUE;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Intra-op threads for the tensor engine (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() {
        try {
            if (threads < 1 || untilStep < 1) {
                throw new IllegalArgumentException("--threads and --until-step must be positive");
            }
            Engine.getInstance();
            JniUtils.setNumThreads(threads);
            Trainer.Result result;
            if (resume != null) {
                if (dataset != null || out != null || !overrides.isEmpty()) {
                    throw new IllegalArgumentException("--resume takes the run's own dataset and config: drop --dataset, "
                            + "--out and --set");
                }
                result = Trainer.resume(resume, untilStep);
            } else {
                if (dataset == null || out == null) {
                    throw new IllegalArgumentException("give --dataset and --out (or --resume RUN)");
                }
                result = Trainer.train(dataset, out, trainConfig().with(overrides), untilStep);
            }
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "trained to step %d: last loss %.4f, %.1f samples/s; checkpoint %s", result.steps(), result.lastLoss(),
                    result.samplesPerSecond(), result.lastCheckpoint()));
            return 0;
        } catch (IllegalArgumentException | CheckpointException | DatasetFormatException e) {
            return BadInput.report(spec, e.getMessage());
        } catch (Trainer.DivergedException | IOException e) {
            spec.commandLine().getErr().println("vla4j train: " + e.getMessage());
            return FAILED;
        }
    }

    private TrainConfig trainConfig() throws IOException {
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            return TrainConfig.fromJson(new ObjectMapper().readTree(file.toFile()));
        }
        return TrainConfig.preset(config);
    }
}
