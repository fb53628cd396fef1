package dev.vla4j.policy.vla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.ActionSpace;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.QuantileNormalizer;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.testkit.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class VlaCheckpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static PolicyMetadata metadata(VlaConfig config, WordTokenizer words) {
        return new PolicyMetadata(config, ActionSpace.continuous(new float[] {-0.1f, -0.1f}, new float[] {0.1f, 0.1f}),
                QuantileNormalizer.of(new float[] {0f, 0f, -1f, -1f}, new float[] {1f, 1f, 1f, 1f}), List.of("top"),
                words.words());
    }

    private static Observation observation(String instruction) {
        byte[] rgb = new byte[128 * 128 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31);
        }
        return new Observation(Map.of("top", new RgbImage(128, 128, rgb)), new float[] {0.2f, 0.4f, 0f, 0.1f}, instruction);
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @ParameterizedTest(name = "keypoints {0}")
    @ValueSource(ints = {0, 2})
    void aSavedPolicyLoadsAndPredictsTheSameChunks(int keypoints) {
        VlaConfig config = VlaConfig.tiny(2, 4).withKeypoints(keypoints, keypoints / 2);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block to the left"));
        Path folder = dir.resolve("ckpt");
        ActionChunk expected;
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel model = VlaModel.random(config, manager, 9);
            VlaCheckpoint.save(folder, model, metadata(config, words));
            expected = new VlaPolicy(manager.newSubManager(), model, metadata(config, words), words)
                    .predictChunk(observation("push the red block to the left"));
        }
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            ActionChunk chunk = policy.predictChunk(observation("push the red block to the left"));
            assertEquals(8, chunk.horizon());
            for (int t = 0; t < chunk.horizon(); t++) {
                assertArrayEquals(expected.action(t), chunk.action(t), 1e-6f);
                assertTrue(Math.abs(chunk.action(t)[0]) <= 0.1f + 1e-6f, "unnormalized into the q01/q99 range");
            }
            IllegalArgumentException camera = assertThrows(IllegalArgumentException.class, () -> policy.predictChunk(
                    new Observation(Map.of("wrist", new RgbImage(1, 1, new byte[3])), new float[4], "x")));
            assertTrue(camera.getMessage().contains("no image from camera 'top'"), camera.getMessage());
            assertThrows(IllegalArgumentException.class, () -> policy.predictChunk(
                    new Observation(Map.of("top", new RgbImage(1, 1, new byte[3])), new float[3], "x")));
        }
    }

    @Test
    void aPolicyTrainedOnRandomCropsSeesTheCentreCropAndKeepsItThroughACheckpoint() {
        VlaConfig config = VlaConfig.tiny(2, 4);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block"));
        PolicyMetadata cropped = metadata(config, words).withCenterCrop(0.81);
        Path folder = dir.resolve("cropped");
        Observation original = observation("push the red block");
        RgbImage centre = original.images().get("top").centerCrop(0.81);
        Observation preCropped = new Observation(Map.of("top", centre), original.state(), original.instruction());
        ActionChunk plainOnPreCropped;
        ActionChunk plainOnOriginal;
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel model = VlaModel.random(config, manager, 4);
            VlaCheckpoint.save(folder, model, cropped);
            VlaPolicy plain = new VlaPolicy(manager.newSubManager(), model, metadata(config, words), words);
            plainOnPreCropped = plain.predictChunk(preCropped);
            plainOnOriginal = plain.predictChunk(original);
        }
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            assertEquals(0.81, policy.metadata().centerCrop());
            ActionChunk chunk = policy.predictChunk(original);
            for (int t = 0; t < chunk.horizon(); t++) {
                assertArrayEquals(plainOnPreCropped.action(t), chunk.action(t), 1e-6f);
            }
            assertTrue(IntStream.range(0, chunk.horizon()).anyMatch(t ->
                    Math.abs(plainOnOriginal.action(t)[0] - chunk.action(t)[0]) > 1e-6f), "the crop changed the input");
        }
        assertThrows(IllegalArgumentException.class, () -> metadata(config, words).withCenterCrop(0));
    }

    @Test
    void hiddenStateDimensionsNeverReachTheModelAndSurviveACheckpoint() {
        VlaConfig config = VlaConfig.tiny(2, 4);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block"));
        PolicyMetadata hidden = metadata(config, words).withHiddenState(List.of(2, 3));
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f}, hidden.modelState(new Observation(
                Map.of("top", new RgbImage(2, 2, new byte[12])), new float[] {0.5f, 1f, 0.7f, -0.2f}, "")),
                1e-6f); // VLA-Adapter's +1e-8 in the denominator
        Path folder = dir.resolve("hidden");
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaCheckpoint.save(folder, VlaModel.random(config, manager, 6), hidden);
        }
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            assertEquals(List.of(2, 3), policy.metadata().hiddenState());
            Observation still = observation("push the red block");
            Observation moving = new Observation(still.images(), new float[] {0.2f, 0.4f, 0.9f, -0.9f}, still.instruction());
            ActionChunk a = policy.predictChunk(still);
            ActionChunk b = policy.predictChunk(moving);
            for (int t = 0; t < a.horizon(); t++) {
                assertArrayEquals(a.action(t), b.action(t), 0f, "the velocity is hidden at step " + t);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metadata(config, words).withHiddenState(List.of(4)));
        assertTrue(e.getMessage().contains("hidden state dimension 4"), e.getMessage());
    }

    @Test
    void aPrivilegedPolicyReadsTheEnvironmentStateAfterTheStateAndRefusesARobotWithout() {
        VlaConfig config = VlaConfig.tiny(2, 6);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block"));
        PolicyMetadata privileged = metadata(VlaConfig.tiny(2, 4), words).withHiddenState(List.of(2, 3));
        PolicyMetadata reading = new PolicyMetadata(config, privileged.actionSpace(), privileged.state(),
                privileged.cameras(), privileged.vocabulary(), null, 1, List.of(2, 3),
                QuantileNormalizer.of(new float[] {-1f, 0f}, new float[] {1f, 2f}));
        Observation still = observation("push the red block");
        Observation simulated = new Observation(still.images(), new float[] {0.5f, 1f, 0.7f, -0.2f}, still.instruction(),
                new float[] {0f, 2f});
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f, 0f, 1f}, reading.modelState(simulated), 1e-6f);
        Path folder = dir.resolve("privileged");
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaCheckpoint.save(folder, VlaModel.random(config, manager, 6), reading);
        }
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            assertEquals(reading.toJson(), policy.metadata().toJson());
            ActionChunk a = policy.predictChunk(simulated);
            ActionChunk b = policy.predictChunk(new Observation(still.images(), simulated.state(), still.instruction(),
                    new float[] {1f, 0f}));
            assertTrue(IntStream.range(0, a.horizon()).anyMatch(t -> a.action(t)[0] != b.action(t)[0]),
                    "the environment state reaches the model");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> policy.predictChunk(still));
            assertTrue(e.getMessage().contains("runs in the simulator only"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> metadata(config, words),
                "a head of 6 state inputs does not fit 4 state statistics without the environment state");
    }

    @Test
    void aFreshModelIsSavedInTrainFormForResumingAndRunsFoldedAsAPolicy() throws IOException {
        VlaConfig config = VlaConfig.tiny(2, 4);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block"));
        Path folder = dir.resolve("trainform");
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaCheckpoint.save(folder, VlaModel.random(config, manager, 3), metadata(config, words));
            assertEquals("train", JSON.readTree(folder.resolve(VlaCheckpoint.CONFIG).toFile()).get("vision_form").asText());
            VlaModel resumed = VlaCheckpoint.load(folder, manager).model();
            assertTrue(resumed.vlm().vision().isTrainForm(), "a resumed run continues in train form");
            assertTrue(resumed.vlm().parameters().containsKey(
                    "model.vision_tower.vision_tower.model.network.0.0.token_mixer.mixer.rbr_skip.running_var"));
        }
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            assertFalse(policy.model().vlm().vision().isTrainForm(), "the policy runs the folded tower");
            assertEquals(8, policy.predictChunk(observation("push the red block")).horizon());
        }
    }

    @Test
    void aCheckpointThatNamesNoVisionFormHoldsTheFoldedTower() throws IOException {
        VlaConfig config = VlaConfig.tiny(2, 4);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red block"));
        Path folder = dir.resolve("folded");
        ActionChunk expected;
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel folded = VlaModel.random(config, manager, 8).reparameterize();
            VlaCheckpoint.save(folder, folded, metadata(config, words));
            expected = new VlaPolicy(manager.newSubManager(), folded, metadata(config, words), words)
                    .predictChunk(observation("push the red block"));
        }
        Path configFile = folder.resolve(VlaCheckpoint.CONFIG);
        ObjectNode json = (ObjectNode) JSON.readTree(configFile.toFile());
        assertEquals("inference", json.remove("vision_form").asText());
        Files.writeString(configFile, json.toPrettyString()); // as written before checkpoints named the form
        try (VlaPolicy policy = VlaPolicy.load(folder)) {
            ActionChunk chunk = policy.predictChunk(observation("push the red block"));
            for (int t = 0; t < chunk.horizon(); t++) {
                assertArrayEquals(expected.action(t), chunk.action(t), 1e-6f);
            }
        }
        Files.writeString(configFile, json.put("vision_form", "folded").toPrettyString());
        CheckpointException e = assertThrows(CheckpointException.class, () -> VlaPolicy.load(folder));
        assertTrue(e.getMessage().contains("vision_form must be 'train' or 'inference', got 'folded'"), e.getMessage());
    }

    @Test
    void aCheckpointWhoseWeightsBelongToAnotherArchitectureIsRefusedByName() throws IOException {
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push"));
        Path tiny = dir.resolve("tiny");
        Path other = dir.resolve("other");
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaCheckpoint.save(tiny, VlaModel.random(VlaConfig.tiny(2, 4), manager, 1), metadata(VlaConfig.tiny(2, 4), words));
            VlaConfig wider = VlaConfig.tiny(3, 4);
            VlaCheckpoint.save(other, VlaModel.random(wider, manager, 1), new PolicyMetadata(wider,
                    ActionSpace.continuous(new float[3], new float[] {1, 1, 1}), QuantileNormalizer.of(new float[4],
                    new float[] {1, 1, 1, 1}),
                    List.of("top"), words.words()));
        }
        Files.copy(other.resolve(VlaCheckpoint.HEAD), tiny.resolve(VlaCheckpoint.HEAD),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CheckpointException e = assertThrows(CheckpointException.class, () -> VlaPolicy.load(tiny));
        assertTrue(e.getMessage().contains("model.fc2.weight"), e.getMessage());
        Files.delete(tiny.resolve(VlaCheckpoint.CONFIG));
        CheckpointException missing = assertThrows(CheckpointException.class, () -> VlaPolicy.load(tiny));
        assertTrue(missing.getMessage().contains("no policy_config.json"), missing.getMessage());
    }

    @Test
    void aFullDiskWhileSavingLeavesThePreviousCheckpointIntact() throws Exception {
        VlaConfig config = VlaConfig.tiny(2, 4);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push"));
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel first = VlaModel.random(config, manager, 1);
            Path probe = dir.resolve("probe");
            VlaCheckpoint.save(probe, first, metadata(config, words));
            long size = folderBytes(probe);
            Path mountPoint = Files.createDirectories(dir.resolve("disk"));
            try (SmallDisk disk = SmallDisk.mount(mountPoint, size * 3 / 2)) {
                Path folder = disk.path().resolve("last");
                VlaCheckpoint.save(folder, first, metadata(config, words));
                byte[] before = Files.readAllBytes(folder.resolve(VlaCheckpoint.MODEL));
                CheckpointException e = assertThrows(CheckpointException.class,
                        () -> VlaCheckpoint.save(folder, VlaModel.random(config, manager, 2), metadata(config, words)));
                assertTrue(e.getMessage().contains("the previous one, if any, is intact"), e.getMessage());
                assertArrayEquals(before, Files.readAllBytes(folder.resolve(VlaCheckpoint.MODEL)));
                try (NDManager check = Engine.getInstance().newBaseManager()) {
                    VlaCheckpoint.load(folder, check);
                }
                try (Stream<Path> left = Files.list(disk.path())) {
                    assertEquals(List.of(folder), left.toList(), "the partial copy must be cleaned up");
                }
            }
        }
    }
}
