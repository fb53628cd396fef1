package dev.vla4j.policy.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.policy.report.Charts;
import dev.vla4j.policy.report.Progress;
import dev.vla4j.policy.vla.KeypointReadout;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behaviour cloning of a VLA on a LeRobot dataset: L1 loss on q01/q99-normalized action
 * chunks, AdamW, warmup + cosine, global-norm clipping, VLA-Adapter's augmentation. The loss is taken on the
 * inference forward itself, so training and inference see the same computation (VLA-Adapter's training noise on
 * the head's initial latent is left out: see {@link dev.vla4j.bridge.ActionHead}). Logs one JSON line per log step
 * to {@code metrics.jsonl}, checkpoints every N steps, and resumes exactly: the data order and the augmentation are
 * functions of (seed, step), and the optimizer state is saved with the weights.
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
            int privileged = config.privilegedState() ? data.environmentStateNormalizer().dim() : 0;
            VlaConfig vla = VlaConfig.preset(config.model(), data.actionDim(), data.stateDim() + privileged,
                    data.cameras().size()).withImagePositions(config.imagePositions())
                    .withProprioInLatent(config.proprioInLatent())
                    .withKeypoints(config.keypoints(), config.keypointSlots())
                    .withStartKeypoints(config.startKeypoints());
            boolean superviseSlots = BatchLoader.superviseSlots(config, data);
            if (superviseSlots && config.keypointSlots() != data.blockKinds()) {
                throw new IllegalArgumentException("keypoint_slots must be the dataset's " + data.blockKinds()
                        + " block kinds to learn where each is, got " + config.keypointSlots());
            }
            BatchLoader.requireImageSize(data.imageSizes(), vla.vlm().imageSize());
            WordTokenizer tokenizer = WordTokenizer.fromInstructions(data.instructions());
            PolicyMetadata metadata = metadata(vla, data, tokenizer, config);
            VlaModel model;
            AuxiliaryStateHead auxiliary = null;
            int auxiliaryInputs = vla.keypointValues() > 0 ? vla.keypointValues() : vla.vlm().text().hiddenSize();
            long step = 0;
            AdamW optimizer = optimizer(config, root);
            if (resume) {
                VlaCheckpoint.Loaded loaded = VlaCheckpoint.load(run.lastCheckpoint(), root);
                requireSameData(loaded.metadata(), metadata, run);
                model = loaded.model();
                step = TrainingRun.restoreOptimizer(run.lastCheckpoint(), optimizer, root);
                if (config.auxStateWeight() > 0) {
                    auxiliary = AuxiliaryStateHead.of(TrainingRun.restoreAuxiliary(run.lastCheckpoint(), root), auxiliaryInputs,
                            data.environmentStateNormalizer().dim());
                }
                if (step >= config.steps()) {
                    throw new IllegalArgumentException(run.dir() + " is already trained to step " + step + " of "
                            + config.steps() + ": to train longer, start a new run with --set init=" + run.lastCheckpoint());
                }
                if (step >= untilStep) {
                    throw new IllegalArgumentException(run.dir() + " is already at step " + step + ": --until-step "
                            + untilStep + " leaves nothing to train");
                }
                LOG.info("resuming {} at step {}", run.dir(), step);
            } else {
                model = config.init().isEmpty() ? randomWeights(vla, metadata, config, root)
                        : initialWeights(Path.of(config.init()), metadata, (int) config.seed(), root);
                if (config.auxStateWeight() > 0) {
                    auxiliary = AuxiliaryStateHead.random(root, auxiliaryInputs, data.environmentStateNormalizer().dim(),
                            config.seed() + 3);
                }
            }
            Map<String, NDArray> parameters = trainable(model, config);
            Network network = new Network(model, auxiliary, superviseSlots, BatchLoader.superviseGoals(config, data),
                    config.vision().equals("full"));
            parameters.putAll(network.auxiliaryParameters());
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            LOG.info("training {} ({} trainable tensors, {} parameters) on {} frames, {} steps of batch {}",
                    config.model(), parameters.size(), count(parameters), data.size(), config.steps(), config.batchSize());
            try (BatchLoader loader = new BatchLoader(data, metadata, tokenizer, config)) {
                return loop(run, config, network, metadata, optimizer, parameters, loader, step,
                        Math.min(untilStep, config.steps()));
            }
        }
    }

    /**
     * What trains: the VLA, its auxiliary head when the auxiliary loss is on (else null), whether the keypoint slots
     * learn where the blocks are in the image, whether the first conditioned keypoints learn where the goal's points
     * are, and whether the vision tower trains (then its BatchNorms run on batch statistics).
     */
    record Network(VlaModel model, AuxiliaryStateHead auxiliary, boolean superviseSlots, boolean superviseGoals,
                   boolean trainVision) {
        Map<String, NDArray> auxiliaryParameters() {
            return auxiliary == null ? Map.of() : auxiliary.parameters();
        }

        /**
         * Whether the first conditioned keypoint's choice among the slots learns which kind the instruction names
         * (a cross-entropy, not only the L1 on the chosen position, whose gradient through the softmax mixture fades
         * when the candidates are far apart): with both the slots and the goal's points supervised.
         */
        boolean superviseChoice() {
            return superviseSlots && superviseGoals;
        }
    }

    /**
     * One step's losses: the L1 on the action chunk (what the curve shows), the weighted auxiliary loss (0 when off), and
     * of it the unweighted image-position L1s of the keypoint slots (blocks) and of the goal keypoints, and the
     * cross-entropy of the named block's choice among the slots (each 0 when off).
     */
    record Losses(double action, double auxiliary, double blocks, double goals, double choice) {
        double total() {
            return action + auxiliary;
        }
    }

    private static Result loop(TrainingRun run, TrainConfig config, Network network, PolicyMetadata metadata,
                               AdamW optimizer, Map<String, NDArray> parameters, BatchLoader loader, long start,
                               long end) {
        LearningRateSchedule schedule = new LearningRateSchedule(config.lr(), config.warmupSteps(), config.steps(),
                config.minLrRatio());
        Progress progress = System.console() != null ? Progress.onStderr("train", config.steps()) : null;
        VlaModel model = network.model();
        NDManager manager = model.actionQueries().getManager();
        long intervalStart = System.nanoTime();
        long runStart = intervalStart;
        double lossSum = 0;
        double auxiliarySum = 0;
        double blockSum = 0;
        double goalSum = 0;
        double choiceSum = 0;
        int lossCount = 0;
        double lastLoss = Double.NaN;
        int skippedInARow = 0;
        int skipped = 0;
        Path last = run.hasCheckpoint() ? run.lastCheckpoint() : null;
        for (long step = start + 1; step <= end; step++) {
            BatchLoader.HostBatch batch = loader.batch(step);
            double lr = schedule.at(step);
            Losses losses;
            double gradNorm;
            try (NDManager scope = manager.newSubManager()) {
                losses = backward(network, batch, scope, config.auxStateWeight());
                double loss = losses.total();
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
            lastLoss = losses.action();
            lossSum += losses.action();
            auxiliarySum += losses.auxiliary();
            blockSum += losses.blocks();
            goalSum += losses.goals();
            choiceSum += losses.choice();
            lossCount++;
            if (step % config.logEvery() == 0 || step == end) {
                double seconds = (System.nanoTime() - intervalStart) / 1e9;
                double rate = lossCount * config.batchSize() / seconds;
                run.appendMetrics(new ObjectMapper().createObjectNode().put("step", step)
                        .put("epoch", loader.epochOf(step)).put("loss", lossSum / lossCount)
                        .put("aux_loss", auxiliarySum / lossCount).put("block_loss", blockSum / lossCount)
                        .put("goal_loss", goalSum / lossCount).put("choice_loss", choiceSum / lossCount).put("lr", lr)
                        .put("grad_norm", gradNorm).put("skipped_steps", skipped).put("samples_per_s", rate)
                        .put("elapsed_s", (System.nanoTime() - runStart) / 1e9));
                String auxiliary = network.auxiliary() == null ? ""
                        : String.format(Locale.ROOT, " aux %.4f", auxiliarySum / lossCount)
                        + (!network.superviseSlots() ? "" : String.format(Locale.ROOT, " blocks %.4f", blockSum / lossCount))
                        + (!network.superviseGoals() ? "" : String.format(Locale.ROOT, " goals %.4f", goalSum / lossCount))
                        + (!network.superviseChoice() ? "" : String.format(Locale.ROOT, " choice %.4f", choiceSum / lossCount));
                String line = String.format(Locale.ROOT, "step %d/%d loss %.4f%s lr %.2e grad_norm %.3f %.1f samples/s",
                        step, config.steps(), lossSum / lossCount, auxiliary, lr, gradNorm, rate);
                if (progress != null) {
                    progress.update(step, line.substring(line.indexOf("loss")));
                } else {
                    LOG.info(line);
                }
                lossSum = 0;
                auxiliarySum = 0;
                blockSum = 0;
                goalSum = 0;
                choiceSum = 0;
                lossCount = 0;
                skipped = 0;
                intervalStart = System.nanoTime();
            }
            if (step % config.checkpointEvery() == 0 || step == end) {
                requireFiniteOutputs(model, batch, step, last);
                last = run.saveCheckpoint(step, model, metadata, optimizer, network.auxiliaryParameters());
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
    private static void requireFiniteOutputs(VlaModel model, BatchLoader.HostBatch batch, long step, Path last) {
        try (NDManager scope = model.actionQueries().getManager().newSubManager()) {
            NDArray actions = predict(model, batch, scope, false).actions();
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

    /** AdamW with torch's betas and eps and the config's {@code weight_decay}. */
    static AdamW optimizer(TrainConfig config, NDManager stateManager) {
        return AdamW.withTorchDefaults(stateManager, config.weightDecay());
    }

    /**
     * Forward and backward of one batch, in {@code scope}: the action L1 and, with an auxiliary head, its L1 on the
     * normalized environment state plus, with supervised keypoints, the slots' block-position L1 and the goal
     * keypoints' L1, times {@code auxiliaryWeight}.
     */
    static Losses backward(Network network, BatchLoader.HostBatch batch, NDManager scope, double auxiliaryWeight) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            VlaModel.Outputs out = predict(network.model(), batch, scope, network.trainVision());
            NDArray predicted = out.actions();                                                 // (B, chunk, A)
            NDArray actionLoss = predicted.sub(HostArrays.of(scope, batch.targets(), predicted.getShape())).abs().mean();
            if (network.auxiliary() == null) {
                collector.backward(actionLoss);
                return new Losses(actionLoss.getFloat(), 0, 0, 0, 0);
            }
            NDArray read = out.keypoints() != null ? out.keypoints() : out.queryStates().mean(new int[] {1}); // (B, F)
            NDArray auxiliaryLoss = network.auxiliary().predict(read).sub(batch.environment(scope)).abs().mean();
            float blocks = 0;
            float goals = 0;
            float choice = 0;
            VlaConfig vla = network.model().config();
            NDArray seen = network.superviseSlots() || network.superviseGoals()
                    ? KeypointReadout.firstCamera(out.keypoints(), vla) : null;                  // (B, K+S, 2)
            if (network.superviseSlots()) {
                NDArray slots = seen.get(new NDIndex(":, {}:", vla.keypoints()));                   // (B, S, 2)
                NDArray blockLoss = KeypointReadout.positionLoss(slots, batch.blocks(scope), batch.present(scope));
                blocks = blockLoss.getFloat();
                auxiliaryLoss = auxiliaryLoss.add(blockLoss);
            }
            if (network.superviseGoals()) {
                NDArray found = seen.get(new NDIndex(":, :{}", BatchLoader.GOAL_POINTS));         // (B, 3, 2)
                NDArray goalLoss = KeypointReadout.positionLoss(found, batch.goals(scope),
                        scope.ones(new Shape(found.getShape().get(0), BatchLoader.GOAL_POINTS)));
                goals = goalLoss.getFloat();
                auxiliaryLoss = auxiliaryLoss.add(goalLoss);
            }
            if (network.superviseChoice()) {
                NDArray scores = network.model().keypointChoiceScores(out.queryStates())
                        .get(new NDIndex(":, 0"));                                                     // (B, S+1)
                NDArray choiceLoss = crossEntropy(scores, batch.namedKinds(scope));
                choice = choiceLoss.getFloat();
                auxiliaryLoss = auxiliaryLoss.add(choiceLoss);
            }
            NDArray weighted = auxiliaryLoss.mul(HostArrays.scalar(auxiliaryLoss, (float) auxiliaryWeight));
            collector.backward(actionLoss.add(weighted));
            return new Losses(actionLoss.getFloat(), weighted.getFloat(), blocks, goals, choice);
        }
    }

    /**
     * The mean cross-entropy of {@code scores} (B, N) against one-hot {@code targets} (B, N), over the rows that have a
     * target (all-zero rows count for nothing).
     */
    static NDArray crossEntropy(NDArray scores, NDArray targets) {
        NDArray picked = scores.logSoftmax(-1).mul(targets).sum();
        return picked.neg().div(targets.sum().maximum(1));
    }

    /**
     * The batch through the model's forward, the one inference runs, with the vision tower in train mode when
     * {@code trainVision}: (B, chunk, A) normalized, in {@code scope}.
     */
    private static VlaModel.Outputs predict(VlaModel model, BatchLoader.HostBatch batch, NDManager scope,
                                            boolean trainVision) {
        NDArray startImages = batch.startImages(scope, model.config());
        NDArray startPositions = startImages == null ? null
                : model.keypointPositions(startImages, batch.prompts(), batch.lengths());
        return model.forwardWithQueryStates(batch.images(scope, model.config()), startPositions, batch.prompts(),
                batch.lengths(), batch.states(scope), trainVision);
    }

    /** What trains: per the config's lm/vision modes, always the ActionQueries, the head and the proprio projector. */
    static Map<String, NDArray> trainable(VlaModel model, TrainConfig config) {
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
        if (config.vision().equals("full")) { // keypoints read the vision tower's map: perception, frozen with it
            parameters.putAll(model.keypointParameters());
        }
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
                config.augment() ? config.cropArea() : 1, config.hideState(),
                config.privilegedState() ? data.environmentStateNormalizer() : null);
    }

    /** A fresh model with the config's seed (and LoRA adapters when the LM trains through them). */
    private static VlaModel randomWeights(VlaConfig vla, PolicyMetadata metadata, TrainConfig config, NDManager manager) {
        VlaModel model = VlaModel.random(vla, manager, (int) config.seed());
        if (config.lm().equals("lora")) {
            model.vlm().language().addLora(metadata.lora(), config.seed());
        }
        return model;
    }

    /**
     * The weights of the policy in {@code folder}, which must have been trained on this data with this network, or with
     * this network but for {@code start_keypoints}: then its perception with a fresh head (seeded by {@code seed}),
     * since the head reads other inputs.
     */
    private static VlaModel initialWeights(Path folder, PolicyMetadata metadata, int seed, NDManager manager) {
        VlaCheckpoint.Loaded loaded = VlaCheckpoint.load(folder, manager);
        boolean otherHead = loaded.metadata().config().startKeypoints() != metadata.config().startKeypoints();
        PolicyMetadata saved = otherHead ? loaded.metadata().withStartKeypoints(metadata.config().startKeypoints())
                : loaded.metadata();
        requireSameMetadata(saved, metadata, "init " + folder + " does not match this run (network "
                + "options, dataset statistics, cameras, vocabulary, crop or hidden state dimensions differ): start from a "
                + "policy trained on this dataset with the same network keys");
        LOG.info("starting from the {} of {}", otherHead ? "perception (with a fresh head for start_keypoints)"
                : "weights", folder);
        return otherHead ? loaded.model().withFreshHead(metadata.config(), manager, seed) : loaded.model();
    }

    private static void requireSameData(PolicyMetadata saved, PolicyMetadata fromDataset, TrainingRun run) {
        requireSameMetadata(saved, fromDataset, "the dataset " + run.dataset() + " no longer matches the run's checkpoint "
                + "(statistics, cameras, vocabulary or shapes differ): resume needs the dataset the run started with");
    }

    /** Refuses, with {@code mismatch}, a saved policy's metadata that differs from what this run would write. */
    private static void requireSameMetadata(PolicyMetadata saved, PolicyMetadata expected, String mismatch) {
        if (!saved.toJson().equals(expected.toJson())) {
            throw new IllegalArgumentException(mismatch);
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
