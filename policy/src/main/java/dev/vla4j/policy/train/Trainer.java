package dev.vla4j.policy.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.policy.report.Charts;
import dev.vla4j.policy.report.Progress;
import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.VlaCheckpoint;
import dev.vla4j.policy.vla.VlaConfig;
import dev.vla4j.policy.vla.VlaModel;
import dev.vla4j.policy.vla.WordTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behaviour cloning of a VLA on a LeRobot dataset (specs/vla-adapter.md §2): L1 loss on q01/q99-normalized action
 * chunks, AdamW, warmup + cosine, global-norm clipping, VLA-Adapter's augmentation and latent noise. Logs one JSON
 * line per log step to {@code metrics.jsonl}, checkpoints every N steps, and resumes exactly: the data order, the
 * augmentation and the noise are functions of (seed, step), and the optimizer state is saved with the weights.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Consecutive steps with a finite loss but a non-finite gradient that stop the run. */
    static final int MAX_SKIPPED_IN_A_ROW = 3;

    /** Training stopped because the loss or the gradients stopped being finite. */
    public static final class DivergedException extends RuntimeException {
        DivergedException(String message) {
            super(message);
        }
    }

    /** What a finished run reports. */
    public record Result(long steps, double lastLoss, Path lastCheckpoint, double samplesPerSecond) {}

    private Trainer() {}

    /**
     * Starts a new run in {@code runDir}; it stops after step {@code untilStep} (at most the config's steps), with a
     * checkpoint there, so that a time-boxed session can be resumed later.
     */
    public static Result train(Path dataset, Path runDir, TrainConfig config, long untilStep) throws IOException {
        TrainingData data = openData(dataset, config); // a bad dataset fails before the run folder exists
        return run(TrainingRun.create(runDir, config, dataset), data, false, untilStep);
    }

    /** Continues the run in {@code runDir} from its last checkpoint, with the config it was started with. */
    public static Result resume(Path runDir, long untilStep) throws IOException {
        TrainingRun run = TrainingRun.open(runDir);
        if (!run.hasCheckpoint()) {
            throw new IllegalArgumentException(runDir + " has no checkpoint to resume from");
        }
        return run(run, openData(run.dataset(), run.config()), true, untilStep);
    }

    private static TrainingData openData(Path dataset, TrainConfig config) throws IOException {
        return TrainingData.open(dataset, VlaConfig.preset(config.model(), 1, 1, 1).head().actionChunk());
    }

    private static Result run(TrainingRun run, TrainingData data, boolean resume, long untilStep) throws IOException {
        TrainConfig config = run.config();
        try (NDManager root = Engine.getInstance().newBaseManager()) {
            JniUtils.setGradMode(false); // grad mode is per thread; the collector turns it on only inside a step
            VlaConfig vla = VlaConfig.preset(config.model(), data.actionDim(), data.stateDim(), data.cameras().size());
            BatchLoader.requireImageSize(data.imageSizes(), vla.vlm().imageSize());
            WordTokenizer tokenizer = WordTokenizer.fromInstructions(data.instructions());
            PolicyMetadata metadata = metadata(vla, data, tokenizer, config);
            VlaModel model;
            long step = 0;
            AdamW optimizer = AdamW.withTorchDefaults(root);
            if (resume) {
                VlaCheckpoint.Loaded loaded = VlaCheckpoint.load(run.lastCheckpoint(), root);
                requireSameData(loaded.metadata(), metadata, run);
                model = loaded.model();
                step = TrainingRun.restoreOptimizer(run.lastCheckpoint(), optimizer, root);
                LOG.info("resuming {} at step {}", run.dir(), step);
            } else {
                model = VlaModel.random(vla, root, (int) config.seed());
                if (config.lm().equals("lora")) {
                    model.vlm().language().addLora(metadata.lora(), config.seed());
                }
            }
            Map<String, NDArray> parameters = trainable(model, config);
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            LOG.info("training {} ({} trainable tensors, {} parameters) on {} frames, {} steps of batch {}",
                    config.model(), parameters.size(), count(parameters), data.size(), config.steps(), config.batchSize());
            try (BatchLoader loader = new BatchLoader(data, metadata, tokenizer, config)) {
                return loop(run, config, model, metadata, optimizer, parameters, loader, step,
                        Math.min(untilStep, config.steps()));
            }
        }
    }

    private static Result loop(TrainingRun run, TrainConfig config, VlaModel model, PolicyMetadata metadata,
                               AdamW optimizer, Map<String, NDArray> parameters, BatchLoader loader, long start,
                               long end) {
        LearningRateSchedule schedule = new LearningRateSchedule(config.lr(), config.warmupSteps(), config.steps(),
                config.minLrRatio());
        Progress progress = System.console() != null ? Progress.onStderr("train", config.steps()) : null;
        NDManager manager = model.actionQueries().getManager();
        long intervalStart = System.nanoTime();
        long runStart = intervalStart;
        double lossSum = 0;
        int lossCount = 0;
        double lastLoss = Double.NaN;
        int skippedInARow = 0;
        int skipped = 0;
        Path last = run.hasCheckpoint() ? run.lastCheckpoint() : null;
        for (long step = start + 1; step <= end; step++) {
            BatchLoader.HostBatch batch = loader.batch(step);
            double lr = schedule.at(step);
            double loss;
            double gradNorm;
            try (NDManager scope = manager.newSubManager()) {
                loss = backward(model, metadata, batch, scope, config, step);
                List<NDArray> gradients = new ArrayList<>();
                Map<String, NDArray> byName = new LinkedHashMap<>();
                parameters.forEach((name, p) -> {
                    NDArray g = p.getGradient();
                    g.attach(scope);
                    gradients.add(g);
                    byName.put(name, g);
                });
                gradNorm = GradientClipping.clipGlobalNorm(gradients, config.gradClip());
                StepOutcome outcome = StepOutcome.judge(loss, gradNorm, skippedInARow);
                if (outcome == StepOutcome.DIVERGED) {
                    throw new DivergedException(String.format(Locale.ROOT, "training diverged at step %d: loss %s, "
                            + "gradient norm %s (non-finite in %s; %d steps in a row). Nothing of this step was saved; "
                            + "the last good checkpoint is %s. Lower --set lr=… or grad_clip, or check the dataset for "
                            + "extreme values.", step, loss, gradNorm, nonFinite(byName), skippedInARow + 1,
                            describe(last)));
                }
                if (outcome == StepOutcome.SKIP) {
                    skippedInARow++;
                    skipped++;
                    LOG.warn("step {}: loss {} is finite but the gradient is not (in {}); the update is skipped",
                            step, loss, nonFinite(byName));
                } else {
                    skippedInARow = 0;
                    optimizer.update(parameters, byName, lr);
                }
                parameters.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
            }
            lastLoss = loss;
            lossSum += loss;
            lossCount++;
            if (step % config.logEvery() == 0 || step == end) {
                double seconds = (System.nanoTime() - intervalStart) / 1e9;
                double rate = lossCount * config.batchSize() / seconds;
                run.appendMetrics(new ObjectMapper().createObjectNode().put("step", step)
                        .put("epoch", loader.epochOf(step)).put("loss", lossSum / lossCount).put("lr", lr)
                        .put("grad_norm", gradNorm).put("skipped_steps", skipped).put("samples_per_s", rate)
                        .put("elapsed_s", (System.nanoTime() - runStart) / 1e9));
                String line = String.format(Locale.ROOT, "step %d/%d loss %.4f lr %.2e grad_norm %.3f %.1f samples/s",
                        step, config.steps(), lossSum / lossCount, lr, gradNorm, rate);
                if (progress != null) {
                    progress.update(step, line.substring(line.indexOf("loss")));
                } else {
                    LOG.info(line);
                }
                lossSum = 0;
                lossCount = 0;
                skipped = 0;
                intervalStart = System.nanoTime();
            }
            if (step % config.checkpointEvery() == 0 || step == end) {
                requireFiniteOutputs(model, metadata, batch, step, last);
                last = run.saveCheckpoint(step, model, metadata, optimizer);
                plot(run);
            }
        }
        double seconds = (System.nanoTime() - runStart) / 1e9;
        return new Result(end, lastLoss, run.lastCheckpoint(), (end - start) * config.batchSize() / Math.max(seconds, 1e-9));
    }

    /**
     * A checkpoint is only written when the updated weights still give finite actions on the last batch: an update
     * can overflow the weights even though the loss before it was finite.
     */
    private static void requireFiniteOutputs(VlaModel model, PolicyMetadata metadata, BatchLoader.HostBatch batch,
                                             long step, Path last) {
        try (NDManager scope = model.actionQueries().getManager().newSubManager()) {
            VlaConfig vla = metadata.config();
            int b = batch.lengths().length;
            int size = vla.vlm().imageSize();
            NDArray actions = model.forward(scope.create(batch.images(), new Shape(b, vla.cameras(), 3, size, size)),
                    batch.prompts(), batch.lengths(), scope.create(batch.states(), new Shape(b, metadata.state().dim())));
            actions.attach(scope);
            if (actions.isNaN().any().getBoolean() || actions.isInfinite().any().getBoolean()) {
                throw new DivergedException("training diverged at step " + step + ": the updated weights give non-finite "
                        + "actions, so they were not saved; the last good checkpoint is " + describe(last)
                        + ". Lower --set lr=… or grad_clip.");
            }
        }
    }

    /**
     * What a step's numbers allow: a non-finite loss diverged; a finite loss with a non-finite gradient (a rare
     * overflow in the backward pass) skips the update, as mixed-precision loss scaling does, unless
     * {@value #MAX_SKIPPED_IN_A_ROW} steps in a row already did.
     */
    enum StepOutcome {
        APPLY, SKIP, DIVERGED;

        static StepOutcome judge(double loss, double gradNorm, int skippedInARow) {
            if (!Double.isFinite(loss)) {
                return DIVERGED;
            }
            if (Double.isFinite(gradNorm)) {
                return APPLY;
            }
            return skippedInARow + 1 >= MAX_SKIPPED_IN_A_ROW ? DIVERGED : SKIP;
        }
    }

    private static List<String> nonFinite(Map<String, NDArray> gradients) {
        List<String> names = new ArrayList<>();
        gradients.forEach((name, g) -> {
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) {
                names.add(name);
            }
        });
        return names.size() > 8 ? List.of(names.size() + " tensors, e.g. " + names.subList(0, 8)) : names;
    }

    private static String describe(Path checkpoint) {
        try {
            return checkpoint == null ? "none (no checkpoint was written yet)" : checkpoint.toRealPath().toString();
        } catch (IOException e) {
            return checkpoint.toString();
        }
    }

    /** Forward and backward of one batch; returns the L1 loss. */
    private static double backward(VlaModel model, PolicyMetadata metadata, BatchLoader.HostBatch batch,
                                   NDManager scope, TrainConfig config, long step) {
        VlaConfig vla = metadata.config();
        int b = batch.lengths().length;
        int size = vla.vlm().imageSize();
        NDArray images = scope.create(batch.images(), new Shape(b, vla.cameras(), 3, size, size));
        NDArray states = scope.create(batch.states(), new Shape(b, metadata.state().dim()));
        NDArray targets = scope.create(batch.targets(),
                new Shape(b, vla.head().actionChunk(), metadata.actionSpace().dim()));
        NDArray noise = model.head().actionHead().latentNoise(scope, new Random(BatchLoader.mix(config.seed(), step, -2)));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray predicted = model.trainingForward(images, batch.prompts(), batch.lengths(), states, noise,
                    config.vision().equals("full"));
            NDArray loss = predicted.sub(targets).abs().mean();
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** What trains: per the config's lm/vision modes, always the ActionQueries, the head and the proprio projector. */
    private static Map<String, NDArray> trainable(VlaModel model, TrainConfig config) {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        model.vlm().parameters().forEach((name, array) -> {
            boolean vision = name.startsWith("model.vision_tower.") || name.startsWith("model.mm_projector.");
            boolean buffer = name.contains("running_") || name.endsWith("num_batches_tracked") || name.endsWith("head.proj");
            if (!buffer && (vision ? config.vision().equals("full") : config.lm().equals("full"))) {
                parameters.put(name, array);
            }
        });
        if (config.lm().equals("lora")) {
            parameters.putAll(model.vlm().language().loraParameters());
        }
        parameters.put(VlaModel.ACTION_QUERIES, model.actionQueries());
        model.head().actionHead().parameters().forEach((name, array) -> {
            if (!name.contains("film_gen")) { // upstream keeps this Linear but never uses it
                parameters.put("action_head." + name, array);
            }
        });
        model.head().proprioProjector().parameters().forEach((name, array) -> parameters.put("proprio_projector." + name, array));
        return parameters;
    }

    private static PolicyMetadata metadata(VlaConfig vla, TrainingData data, WordTokenizer tokenizer, TrainConfig config) {
        if (tokenizer.vocabSize() > vla.vlm().text().vocabSize()) {
            throw new IllegalArgumentException("the dataset's instructions use " + tokenizer.vocabSize() + " words, more"
                    + " than the " + config.model() + " LM's " + vla.vlm().text().vocabSize() + " ids");
        }
        for (String instruction : data.instructions()) {
            if (tokenizer.encode(instruction).length > vla.maxPromptTokens()) {
                throw new IllegalArgumentException("instruction '" + instruction + "' is longer than the "
                        + config.model() + " preset's " + vla.maxPromptTokens() + " prompt tokens");
            }
        }
        LoraConfig lora = config.lm().equals("lora") ? new LoraConfig(config.loraRank(), config.loraAlpha()) : null;
        return new PolicyMetadata(vla, data.actionSpace(), data.stateNormalizer(), data.cameras(), tokenizer.words(), lora,
                config.augment() ? config.cropArea() : 1, config.hideState());
    }

    private static void requireSameData(PolicyMetadata saved, PolicyMetadata fromDataset, TrainingRun run) {
        if (!saved.toJson().equals(fromDataset.toJson())) {
            throw new IllegalArgumentException("the dataset " + run.dataset() + " no longer matches the run's checkpoint "
                    + "(statistics, cameras, vocabulary or shapes differ): resume needs the dataset the run started with");
        }
    }

    private static long count(Map<String, NDArray> parameters) {
        return parameters.values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    private static void plot(TrainingRun run) {
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (JsonNode line : run.metrics()) {
            steps.add(line.get("step").asDouble());
            losses.add(line.get("loss").asDouble());
        }
        Charts.lines(run.dir().resolve(TrainingRun.CURVE), "training loss (L1, normalized actions)", "step", "loss",
                false, List.of(new Charts.Series("train", steps, losses))); // linear: a log axis over one decade has no labels
    }
}
