package dev.vla4j.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.vision.FastVitHd;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.vla.KeypointReadout;
import dev.vla4j.policy.vla.VlaCheckpoint;
import dev.vla4j.policy.vla.VlaConfig;
import dev.vla4j.policy.vla.VlaModel;
import dev.vla4j.policy.vla.VlaPolicy;
import dev.vla4j.policy.vla.WordTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny preset trains end to end on a synthetic dataset in seconds. */
class TrainerTest {
    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeDataset() throws IOException {
        dataset = SyntheticDataset.write(shared.resolve("dataset"), 6, 5, 128, 1);
    }

    private static TrainConfig tiny(String... overrides) {
        return TrainConfig.preset("tiny").with(List.of(overrides));
    }

    @Test
    void aRunWritesMetricsCheckpointsAndACurveAndItsPolicyPredicts() throws IOException {
        Path run = dir.resolve("run");
        Trainer.Result result = Trainer.train(dataset, run, tiny("steps=4", "checkpoint_every=2", "log_every=1",
                "hide_state=[3]"), 4);
        assertEquals(4, result.steps());
        List<JsonNode> metrics = TrainingRun.open(run).metrics();
        assertEquals(4, metrics.size());
        for (JsonNode line : metrics) {
            for (String key : List.of("step", "epoch", "loss", "lr", "grad_norm", "skipped_steps", "samples_per_s",
                    "elapsed_s")) {
                assertTrue(line.has(key), key + " missing in " + line);
            }
        }
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-000002")));
        assertEquals(run.resolve("checkpoints/step-000004").toRealPath(), run.resolve("checkpoints/last").toRealPath());
        assertTrue(Files.size(run.resolve(TrainingRun.CURVE)) > 0);
        try (VlaPolicy policy = VlaPolicy.load(run.resolve("checkpoints/last"))) {
            TrainingData data = TrainingData.open(dataset, 8);
            Observation observation = data.sample(0).observation();
            ActionChunk chunk = policy.predictChunk(observation);
            assertEquals(8, chunk.horizon());
            assertEquals(2, chunk.actionDim());
            assertEquals(0.9, policy.metadata().centerCrop(), "trained on random crops of 0.9: sees the centre crop");
            assertEquals(List.of(3), policy.metadata().hiddenState());
        }
    }

    /**
     * Training and inference see the same network: the loss a step minimises is the L1 error of the inference
     * forward on the same batch and weights (no training-only noise on the head's initial latent).
     */
    @Test
    void theTrainingLossIsTheErrorOfTheInferenceForward() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaConfig vla = VlaConfig.preset("tiny", 2, 4, 1);
            VlaModel model = VlaModel.random(vla, manager, 3);
            int size = vla.vlm().imageSize();
            Random random = new Random(11);
            float[] images = new float[2 * 3 * size * size];
            for (int i = 0; i < images.length; i++) {
                images[i] = random.nextFloat();
            }
            float[] states = {0.3f, -0.5f, 0.1f, 0.9f, -0.2f, 0.4f, -0.7f, 0f};
            float[] targets = new float[2 * vla.head().actionChunk() * 2];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = (float) random.nextGaussian();
            }
            long[][] prompts = {{WordTokenizer.BOS, 5, 9, 0}, {WordTokenizer.BOS, 7, 4, 6}};
            BatchLoader.HostBatch batch = new BatchLoader.HostBatch(1, images, prompts, new int[] {3, 4}, states, targets,
                    new float[0], new float[0], new float[0], new float[0], new float[0], new float[0]);

            double inferenceLoss;
            try (NDManager scope = manager.newSubManager()) {
                NDArray actions = model.forward(scope.create(images, new Shape(2, 1, 3, size, size)), prompts,
                        batch.lengths(), scope.create(states, new Shape(2, 4)));                     // (2, chunk, 2)
                inferenceLoss = actions.sub(scope.create(targets, actions.getShape())).abs().mean().getFloat();
            }
            model.head().parameters().values().forEach(p -> p.setRequiresGradient(true));
            double trainingLoss;
            try (NDManager scope = manager.newSubManager()) {
                trainingLoss = Trainer.backward(new Trainer.Network(model, null, false, false, false), batch, scope, 0).action();
            }
            assertEquals(inferenceLoss, trainingLoss, 1e-6 * inferenceLoss);
        }
    }

    @Test
    void theCropAreaAndTheHiddenStateAreValidatedKeys() {
        assertEquals(1.0, tiny("crop_area=1").cropArea());
        assertEquals(0.9, tiny().cropArea());
        for (String bad : List.of("crop_area=0", "crop_area=1.2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny(bad));
            assertTrue(e.getMessage().contains("0 < crop_area <= 1"), e.getMessage());
        }
        assertEquals(List.of(2, 3), tiny("hide_state=[2, 3]").hideState());
        assertEquals(List.of(), tiny().hideState());
        for (String bad : List.of("hide_state=2", "hide_state=[-1]", "hide_state=[\"vx\"]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny(bad));
            assertTrue(e.getMessage().contains("hide_state"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void lossFallsOnALearnableTask() throws IOException {
        Path run = dir.resolve("learn");
        Trainer.train(dataset, run, tiny("steps=30", "log_every=5", "checkpoint_every=30", "augment=false"), 30);
        List<JsonNode> metrics = TrainingRun.open(run).metrics();
        double first = metrics.get(0).get("loss").asDouble();
        double last = metrics.get(metrics.size() - 1).get("loss").asDouble();
        assertTrue(last < 0.7 * first, "loss " + first + " → " + last);
    }

    @Test
    void theVisionTowerTrainsInTrainFormWithItsBatchNormsAndAFrozenOneStaysAsItWas() throws IOException {
        Path full = dir.resolve("full");
        Path frozen = dir.resolve("frozen");
        Trainer.train(dataset, full, tiny("steps=2", "checkpoint_every=2"), 2);
        Trainer.train(dataset, frozen, tiny("steps=2", "checkpoint_every=2", "vision=frozen"), 2);
        String bn = "model.vision_tower.vision_tower.model.patch_embed.0.rbr_conv.0.bn.";
        String layerScale = "model.vision_tower.vision_tower.model.network.0.0.token_mixer.layer_scale";
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            FastVitHd trained = VlaCheckpoint.load(full.resolve("checkpoints/last"), manager).model().vlm().vision();
            assertTrue(trained.isTrainForm(), "checkpoints keep the train-time form");
            Map<String, NDArray> tensors = trained.parameters();
            assertEquals(2L, tensors.get(bn + "num_batches_tracked").getLong());
            assertTrue(tensors.get(bn + "running_mean").abs().max().getFloat() > 0, "running statistics saved");
            assertTrue(tensors.get(layerScale).sub(RandomWeights.LAYER_SCALE_INIT).abs().max().getFloat() > 0,
                    "the layer scales train");
            Map<String, NDArray> fixed = VlaCheckpoint.load(frozen.resolve("checkpoints/last"), manager).model().vlm()
                    .vision().parameters();
            assertEquals(0L, fixed.get(bn + "num_batches_tracked").getLong());
            assertEquals(0f, fixed.get(bn + "running_mean").abs().max().getFloat());
            assertEquals(RandomWeights.LAYER_SCALE_INIT, fixed.get(layerScale).max().getFloat());
        }
    }

    /** 4 steps in one go equal 2 steps, a resume from the checkpoint, and 2 more — bit for bit. */
    @Test
    void resumingContinuesExactly() throws IOException {
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        TrainConfig config = tiny("steps=4", "checkpoint_every=2", "log_every=1");
        Trainer.train(dataset, straight, config, 4);
        Trainer.train(dataset, split, config, 2);
        Trainer.resume(split, 4);
        for (String file : List.of(VlaCheckpoint.MODEL, VlaCheckpoint.HEAD, VlaCheckpoint.PROJECTOR,
                "training_state/optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/last").resolve(file)),
                    Files.readAllBytes(split.resolve("checkpoints/last").resolve(file)), file);
        }
        List<JsonNode> a = TrainingRun.open(straight).metrics();
        List<JsonNode> b = TrainingRun.open(split).metrics();
        for (int i = 0; i < 4; i++) {
            assertEquals(a.get(i).get("loss").asDouble(), b.get(i).get("loss").asDouble(), 0.0, "loss at step " + (i + 1));
            assertEquals(0, a.get(i).get("skipped_steps").asInt() + b.get(i).get("skipped_steps").asInt(),
                    "no update skipped for a non-finite gradient at step " + (i + 1));
        }
        IllegalArgumentException done = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(split, 4));
        assertTrue(done.getMessage().contains("already trained to step 4 of 4"), done.getMessage());
    }

    /**
     * Trains 4 steps straight and 2 + 2 with a resume in between; the weights, optimizer and auxiliary state must be
     * byte-identical. Returns the straight run.
     */
    private Path trainStraightAndResumedAndCompare(TrainConfig config) throws IOException {
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        Trainer.train(dataset, straight, config, 4);
        Trainer.train(dataset, split, config, 2);
        Trainer.resume(split, 4);
        for (String file : List.of(VlaCheckpoint.MODEL, VlaCheckpoint.HEAD, VlaCheckpoint.PROJECTOR,
                "training_state/optimizer.safetensors", "training_state/auxiliary.safetensors")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/last").resolve(file)),
                    Files.readAllBytes(split.resolve("checkpoints/last").resolve(file)), file);
        }
        return straight;
    }

    /**
     * Rungs 0 and 1 of the ladder: a policy that reads the privileged environment state and an auxiliary loss that
     * predicts it, with the head's proprio token in its initial latent; all resume bit for bit, the option travels in
     * the policy config, and the policy asks for the environment state at run time.
     */
    @Test
    void privilegedStateAndTheAuxiliaryLossTrainAndResumeExactly() throws IOException {
        TrainConfig config = tiny("steps=4", "checkpoint_every=2", "log_every=1", "privileged_state=true",
                "aux_state_weight=0.5", "proprio_in_latent=true");
        Path straight = trainStraightAndResumedAndCompare(config);
        for (JsonNode line : TrainingRun.open(straight).metrics()) {
            assertTrue(line.get("aux_loss").asDouble() > 0, "the auxiliary loss is logged: " + line);
        }
        try (VlaPolicy policy = VlaPolicy.load(straight.resolve("checkpoints/last"))) {
            assertEquals(6, policy.model().config().head().proprioDim(), "4 state + 2 environment state inputs");
            assertTrue(policy.model().config().head().proprioInLatent(), "proprio_in_latent is saved with the policy");
            Observation seen = TrainingData.open(dataset, 8).sample(0).observation();
            assertEquals(8, policy.predictChunk(seen).horizon());
            Observation robot = new Observation(seen.images(), seen.state(), seen.instruction());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.predictChunk(robot));
            assertTrue(e.getMessage().contains("simulator only"), e.getMessage());
        }
    }

    @Test
    void keypointsAndSlotsLearnFromTheAuxiliaryLossesResumeExactlyAndShipWithAPolicyThatNeedsNoPrivilegedState()
            throws IOException {
        TrainConfig config = tiny("steps=4", "checkpoint_every=2", "log_every=1", "keypoints=3", "keypoint_slots=1",
                "aux_state_weight=0.5", "crop_area=1.0");
        Path straight = trainStraightAndResumedAndCompare(config);
        for (JsonNode line : TrainingRun.open(straight).metrics()) {
            assertTrue(line.get("block_loss").asDouble() > 0, "the slot's block-position loss is logged: " + line);
            assertTrue(line.get("goal_loss").asDouble() > 0, "the goal keypoints' loss is logged: " + line);
            assertTrue(line.get("choice_loss").asDouble() > 0, "the named block's choice loss is logged: " + line);
        }
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Map<String, NDArray> saved = VlaCheckpoint.load(straight.resolve("checkpoints/last"), manager).model()
                    .keypointParameters();
            Map<String, NDArray> fresh = VlaModel.random(VlaConfig.tiny(2, 4).withKeypoints(3, 1), manager,
                    (int) config.seed()).keypointParameters();
            for (String name : List.of(KeypointReadout.WEIGHT, KeypointReadout.SLOTS, KeypointReadout.SELECT_WEIGHT)) {
                assertTrue(saved.get(name).sub(fresh.get(name)).abs().max().getFloat() > 0, name + " trained");
            }
        }
        try (VlaPolicy policy = VlaPolicy.load(straight.resolve("checkpoints/last"))) {
            assertEquals(3, policy.model().config().keypoints());
            assertEquals(1, policy.model().config().keypointSlots());
            assertEquals(4 + 2 * 4, policy.model().config().head().proprioDim(), "4 state values + 4 keypoints' x, y");
            Observation seen = TrainingData.open(dataset, 8).sample(0).observation();
            Observation robot = new Observation(seen.images(), seen.state(), seen.instruction());
            assertEquals(8, policy.predictChunk(robot).horizon(), "a real robot has no environment state to give");
        }
    }

    /** Stage two of a two-stage recipe: the head trains on the frozen perception of another run's policy. */
    @Test
    void aRunStartsFromAPolicysWeightsAndItsFrozenPerceptionStaysAsItWas() throws IOException {
        String[] network = {"keypoints=3", "keypoint_slots=1", "aux_state_weight=0.5", "crop_area=1.0"};
        Path perception = dir.resolve("perception");
        Trainer.train(dataset, perception, tiny(network).with(List.of("steps=2", "checkpoint_every=2")), 2);
        Path init = perception.resolve("checkpoints/last");
        Path head = dir.resolve("head");
        Trainer.train(dataset, head, tiny(network).with(List.of("steps=2", "checkpoint_every=2", "vision=frozen",
                "lm=frozen", "init=" + init)), 2);
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel before = VlaCheckpoint.load(init, manager).model();
            VlaModel after = VlaCheckpoint.load(head.resolve("checkpoints/last"), manager).model();
            Map<String, NDArray> perceived = new java.util.LinkedHashMap<>(before.vlm().parameters());
            perceived.putAll(before.keypointParameters());
            Map<String, NDArray> kept = new java.util.LinkedHashMap<>(after.vlm().parameters());
            kept.putAll(after.keypointParameters());
            perceived.forEach((name, tensor) -> assertTrue(tensor.contentEquals(kept.get(name)),
                    name + " is perception: frozen"));
            Map<String, NDArray> trained = after.head().parameters();
            assertTrue(before.head().parameters().entrySet().stream().anyMatch(e ->
                    e.getValue().sub(trained.get(e.getKey())).abs().max().getFloat() > 0), "the head trains on");
        }
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> Trainer.train(dataset,
                dir.resolve("other"), tiny("steps=2", "init=" + init), 2));
        assertTrue(other.getMessage().contains("does not match this run"), other.getMessage());
    }

    /**
     * Memory of the instruction's first frames: samples carry their episode's first frames, a start_keypoints run
     * resumes bit for bit, a head with start keypoints trains on a perception trained without them, and its policy
     * reads the frames the caller kept.
     */
    @Test
    void startKeypointsTrainOnTheFramesTheirInstructionBeganWith() throws IOException {
        TrainingData data = TrainingData.open(dataset, 8);
        assertTrue(data.sample(0, true).observation().instructionStart().isEmpty(), "frame 0 is its instruction's first");
        assertArrayEquals(data.sample(0).observation().primaryImage().rgb(),
                data.sample(3, true).observation().instructionStart().get("top").rgb(), "frame 3 began at frame 0");
        assertTrue(data.sample(3).observation().instructionStart().isEmpty(), "loaded only when asked for");

        String[] network = {"keypoints=3", "keypoint_slots=1", "aux_state_weight=0.5", "crop_area=1.0"};
        Path straight = trainStraightAndResumedAndCompare(tiny(network).with(List.of("steps=4", "checkpoint_every=2",
                "log_every=1", "start_keypoints=true")));
        Path perception = dir.resolve("perception");
        Trainer.train(dataset, perception, tiny(network).with(List.of("steps=2", "checkpoint_every=2")), 2);
        Path head = dir.resolve("head");
        Trainer.train(dataset, head, tiny(network).with(List.of("steps=2", "checkpoint_every=2", "vision=frozen",
                "lm=frozen", "start_keypoints=true", "init=" + perception.resolve("checkpoints/last"))), 2);
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel before = VlaCheckpoint.load(perception.resolve("checkpoints/last"), manager).model();
            VlaModel after = VlaCheckpoint.load(head.resolve("checkpoints/last"), manager).model();
            before.vlm().parameters().forEach((name, tensor) -> assertTrue(tensor.contentEquals(
                    after.vlm().parameters().get(name)), name + " is the perception it started from"));
            assertEquals(4 + 2 * 2 * 4, after.head().config().proprioDim(), "state, start and current keypoints");
        }
        for (Path run : List.of(straight, head)) {
            try (VlaPolicy policy = VlaPolicy.load(run.resolve("checkpoints/last"))) {
                Observation now = data.sample(3).observation();
                Observation began = now.withInstructionStart(data.sample(0).observation().images());
                float[] fromStart = policy.predictChunk(began).action(0);
                assertArrayEquals(policy.predictChunk(now.withInstructionStart(now.images())).action(0),
                        policy.predictChunk(now).action(0), 0f, "without kept frames, the frame is the first");
                assertTrue(Math.abs(fromStart[0] - policy.predictChunk(now).action(0)[0]) > 0,
                        "the policy reads the kept frames");
            }
        }
    }

    @Test
    void slotsThatCannotEachHaveABlockKindAreRefusedBeforeTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(dataset,
                dir.resolve("slots"), tiny("keypoint_slots=2", "aux_state_weight=0.5", "crop_area=1.0"), 1));
        assertTrue(e.getMessage().contains("keypoint_slots must be the dataset's 1 block kinds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny("keypoint_slots=1", "aux_state_weight=0.5",
                "crop_area=0.9"));
        assertTrue(e.getMessage().contains("crop_area=1"), e.getMessage());
    }

    @Test
    void aFiniteLossWithANonFiniteGradientSkipsTheUpdateUntilItRepeats() {
        assertEquals(Trainer.StepOutcome.APPLY, Trainer.StepOutcome.judge(0.2, 1.5, 0));
        assertEquals(Trainer.StepOutcome.APPLY, Trainer.StepOutcome.judge(0.2, 1.5, Trainer.MAX_SKIPPED_IN_A_ROW - 1));
        assertEquals(Trainer.StepOutcome.SKIP, Trainer.StepOutcome.judge(0.2, Double.NaN, 0));
        assertEquals(Trainer.StepOutcome.SKIP, Trainer.StepOutcome.judge(0.2, Double.POSITIVE_INFINITY,
                Trainer.MAX_SKIPPED_IN_A_ROW - 2));
        assertEquals(Trainer.StepOutcome.DIVERGED, Trainer.StepOutcome.judge(0.2, Double.NaN,
                Trainer.MAX_SKIPPED_IN_A_ROW - 1));
        assertEquals(Trainer.StepOutcome.DIVERGED, Trainer.StepOutcome.judge(Double.NaN, 1.5, 0));
        assertEquals(Trainer.StepOutcome.DIVERGED, Trainer.StepOutcome.judge(Double.POSITIVE_INFINITY, Double.NaN, 0));
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path run = dir.resolve("nan");
        Trainer.train(dataset, run, tiny("steps=20", "checkpoint_every=1", "warmup_steps=0"), 2);
        Path config = run.resolve(TrainingRun.CONFIG); // the same run, resumed with an absurd learning rate
        Files.writeString(config, Files.readString(config).replaceFirst("\"lr\" : [^,]+", "\"lr\" : 1.0E30")
                .replaceFirst("\"grad_clip\" : [^,]+", "\"grad_clip\" : 1.0E30"));
        Trainer.DivergedException e = assertThrows(Trainer.DivergedException.class, () -> Trainer.resume(run, 20));
        assertTrue(e.getMessage().contains("training diverged at step 3") && e.getMessage().contains("step-000002"),
                e.getMessage());
        assertEquals(run.resolve("checkpoints/step-000002").toRealPath(), run.resolve("checkpoints/last").toRealPath());
        try (VlaPolicy policy = VlaPolicy.load(run.resolve("checkpoints/last"))) {
            TrainingData data = TrainingData.open(dataset, 8);
            assertEquals(8, policy.predictChunk(data.sample(0).observation()).horizon()); // finite, or ActionChunk refuses
        }
    }

    @Test
    void aDatasetThatDisagreesWithTheConfigIsRefused() throws IOException {
        Path small = SyntheticDataset.write(dir.resolve("small-images"), 2, 3, 64, 2);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(small, dir.resolve("r1"), tiny("steps=2"), 2));
        assertTrue(size.getMessage().contains("64x64 but the model expects 128x128"), size.getMessage());

        Path run = dir.resolve("r2");
        Trainer.train(dataset, run, tiny("steps=4", "checkpoint_every=2"), 2);
        Path other = SyntheticDataset.write(dir.resolve("other"), 6, 5, 128, 99); // other statistics
        Path config = run.resolve(TrainingRun.CONFIG);
        Files.writeString(config, Files.readString(config).replace(dataset.toAbsolutePath().normalize().toString(),
                other.toAbsolutePath().normalize().toString()));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(run, 4));
        assertTrue(mismatch.getMessage().contains("no longer matches the run's checkpoint"), mismatch.getMessage());
        IllegalArgumentException notEmpty = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(dataset, run, tiny("steps=2"), 2));
        assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
    }
}
