package dev.vla4j.policy.vla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.testkit.Tolerance;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VlaModelTest {
    private final VlaConfig config = VlaConfig.tiny(2, 4);
    private NDManager manager;
    private VlaModel model;

    @BeforeEach
    void build() {
        manager = Engine.getInstance().newBaseManager();
        model = VlaModel.random(config, manager, 5);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray images(int batch) {
        Engine.getInstance().setRandomSeed(3);
        return manager.randomUniform(0f, 1f, new Shape(batch, 1, 3, 128, 128));
    }

    @Test
    void aBatchGivesOneChunkPerSampleAndPaddingDoesNotChangeAnything() {
        WordTokenizer tokenizer = WordTokenizer.fromInstructions(List.of("push the red block left", "push it"));
        long[] longPrompt = tokenizer.encode("push the red block left");
        long[] shortPrompt = tokenizer.encode("push it");
        long[][] prompts = {longPrompt, java.util.Arrays.copyOf(shortPrompt, longPrompt.length)};
        NDArray images = images(2);
        NDArray proprio = manager.randomUniform(-1f, 1f, new Shape(2, 4));
        NDArray actions = model.forward(images, prompts, new int[] {longPrompt.length, shortPrompt.length}, proprio);
        assertEquals(new Shape(2, 8, 2), actions.getShape());
        // the short prompt alone (no padding) must give the same chunk as in the padded batch
        NDArray alone = model.forward(images.get(new NDIndex("1:2")), new long[][] {shortPrompt},
                new int[] {shortPrompt.length}, proprio.get(new NDIndex("1:2")));
        Tolerance.assertClose("padded vs alone", actions.get(new NDIndex("1:2")), alone);
    }

    @Test
    void theInstructionChangesTheChunk() {
        WordTokenizer tokenizer = WordTokenizer.fromInstructions(List.of("push the red block left", "push the blue block right"));
        long[] a = tokenizer.encode("push the red block left");
        long[] b = tokenizer.encode("push the blue block right");
        NDArray images = images(1);
        NDArray proprio = manager.zeros(new Shape(1, 4));
        NDArray first = model.forward(images, new long[][] {a}, new int[] {a.length}, proprio);
        NDArray second = model.forward(images, new long[][] {b}, new int[] {b.length}, proprio);
        assertTrue(first.sub(second).abs().max().getFloat() > 1e-6f, "the prompt must reach the head");
    }

    @Test
    void theVisionTowerTrainsUnfoldedWithItsBatchNormsUnlessFrozenAndFoldsForInference() {
        assertTrue(model.vlm().vision().isTrainForm(), "a fresh model trains the train-time form");
        long[] prompt = WordTokenizer.fromInstructions(List.of("push the red block")).encode("push the red block");
        long[][] prompts = {prompt, prompt};
        int[] lengths = {prompt.length, prompt.length};
        NDArray images = images(2);
        NDArray proprio = manager.zeros(new Shape(2, 4));
        Map<String, float[]> initial = runningStatistics();
        model.forwardWithQueryStates(images, prompts, lengths, proprio, false);
        runningStatistics().forEach((name, values) -> assertArrayEquals(initial.get(name), values, 0f, name + " frozen"));
        for (int step = 0; step < 2; step++) {
            model.forwardWithQueryStates(images.mul(step + 1), prompts, lengths, proprio, true);
        }
        Map<String, float[]> trained = runningStatistics();
        assertTrue(trained.keySet().stream().anyMatch(name -> name.endsWith("running_mean")
                && !Arrays.equals(initial.get(name), trained.get(name))), "the training forward updates the statistics");

        VlaModel folded = model.reparameterize();
        assertFalse(folded.vlm().vision().isTrainForm());
        assertSame(folded, folded.reparameterize());
        Tolerance.assertClose("folded vs unfolded (eval)", folded.forward(images, prompts, lengths, proprio),
                model.forward(images, prompts, lengths, proprio));
    }

    private Map<String, float[]> runningStatistics() {
        Map<String, float[]> statistics = new TreeMap<>();
        model.vlm().parameters().forEach((name, array) -> {
            if (name.contains("running_") || name.endsWith("num_batches_tracked")) {
                statistics.put(name, array.toType(DataType.FLOAT32, false).toFloatArray());
            }
        });
        return statistics;
    }

    @Test
    void badInputsAreRefused() {
        long[] prompt = {2, 3, 4};
        NDArray proprio = manager.zeros(new Shape(1, 4));
        assertThrows(IllegalArgumentException.class, () -> model.forward(manager.zeros(new Shape(1, 3, 128, 128)),
                new long[][] {prompt}, new int[] {3}, proprio));
        assertThrows(IllegalArgumentException.class, () -> model.forward(images(1), new long[][] {prompt},
                new int[] {4}, proprio));
        assertThrows(IllegalArgumentException.class, () -> model.forward(images(1), new long[][] {new long[30]},
                new int[] {30}, proprio));
    }

    @Test
    void presetsValidateAndRoundTripThroughJson() {
        for (VlaConfig preset : List.of(VlaConfig.tiny(2, 4), VlaConfig.small(2, 4), VlaConfig.fastVlm05b(7, 8, 2))) {
            assertEquals(preset, VlaConfig.fromJson(preset.toJson()));
        }
        assertEquals(64, VlaConfig.small(2, 4).head().rawTokens());
        assertEquals(512, VlaConfig.fastVlm05b(7, 8, 2).head().rawTokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VlaConfig.preset("huge", 2, 4, 1));
        assertTrue(e.getMessage().contains("unknown preset 'huge'"), e.getMessage());
    }

    @Test
    void keypointsReachTheHeadAfterTheProprioAndTheirCountRoundTripsThroughJson() {
        VlaConfig withKeypoints = config.withKeypoints(3, 2);
        assertEquals(4 + 2 * (3 + 2), withKeypoints.head().proprioDim(), "x and y of 3 keypoints and 2 slots after the 4 state values");
        assertEquals(4, withKeypoints.proprioInputs());
        assertEquals(withKeypoints, VlaConfig.fromJson(withKeypoints.toJson()));
        assertEquals(config, withKeypoints.withKeypoints(0, 0));
        assertFalse(config.toJson().has("keypoints"), "upstream configs do not name keypoints");
        ObjectNode json = withKeypoints.toJson().put("keypoint_slots", "two");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VlaConfig.fromJson(json));
        assertTrue(e.getMessage().contains("keypoint_slots must be an integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.withKeypoints(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> config.withKeypoints(0, -1));

        VlaModel keypointModel = VlaModel.random(withKeypoints, manager, 5);
        long[] prompt = WordTokenizer.fromInstructions(List.of("push the red block")).encode("push the red block");
        VlaModel.Outputs out = keypointModel.forwardWithQueryStates(images(2), new long[][] {prompt, prompt},
                new int[] {prompt.length, prompt.length}, manager.zeros(new Shape(2, 4)), false);
        assertEquals(new Shape(2, 8, 2), out.actions().getShape());
        assertEquals(new Shape(2, 10), out.keypoints().getShape());
        assertTrue(out.keypoints().abs().max().getFloat() < 1, "image positions lie inside the image");
        assertEquals(null, model.forwardWithQueryStates(images(1), new long[][] {prompt}, new int[] {prompt.length},
                manager.zeros(new Shape(1, 4)), false).keypoints());
        VlaModel slotsOnly = VlaModel.random(config.withKeypoints(0, 2), manager, 5);
        assertEquals(new Shape(1, 4), slotsOnly.forwardWithQueryStates(images(1), new long[][] {prompt},
                new int[] {prompt.length}, manager.zeros(new Shape(1, 4)), false).keypoints().getShape(),
                "slots alone also reach the head");
    }

    @Test
    void startKeypointsReadTheInstructionsFirstFramesAndAFreshHeadKeepsThePerception() {
        VlaConfig withStart = config.withKeypoints(1, 1).withStartKeypoints(true);
        assertEquals(4 + 2 * 2 * 2, withStart.head().proprioDim(), "state, then the start frames' and the current keypoints");
        assertEquals(4, withStart.proprioInputs());
        assertEquals(withStart, VlaConfig.fromJson(withStart.toJson()));
        assertEquals(config.withKeypoints(1, 1), withStart.withStartKeypoints(false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.withStartKeypoints(true));
        assertTrue(e.getMessage().contains("start_keypoints needs keypoints"), e.getMessage());

        VlaModel startModel = VlaModel.random(withStart, manager, 5);
        long[] prompt = WordTokenizer.fromInstructions(List.of("nudge the red block")).encode("nudge the red block");
        NDArray now = images(1);
        NDArray proprio = manager.zeros(new Shape(1, 4));
        long[][] prompts = {prompt};
        int[] lengths = {prompt.length};
        NDArray alone = startModel.forward(now, null, prompts, lengths, proprio);
        NDArray same = startModel.forward(now, startModel.keypointPositions(now, prompts, lengths), prompts, lengths,
                proprio);
        NDArray earlier = startModel.forward(now, startModel.keypointPositions(now.flip(4), prompts, lengths), prompts,
                lengths, proprio);
        Tolerance.assertClose("no start positions: the frame is its instruction's first", same, alone);
        assertTrue(earlier.sub(same).abs().max().getFloat() > 1e-4, "the head reads the start frames' keypoints");

        VlaModel fresh = startModel.withFreshHead(config.withKeypoints(1, 1), manager, 9);
        assertSame(startModel.vlm(), fresh.vlm(), "the perception is kept");
        assertEquals(startModel.keypointParameters(), fresh.keypointParameters());
        assertEquals(4 + 2 * 2, fresh.head().config().proprioDim());
        assertThrows(IllegalArgumentException.class, () -> startModel.withFreshHead(config.withKeypoints(2, 1), manager, 9),
                "other keypoints would need another perception");
    }

    @Test
    void theWordTokenizerMapsUnknownWordsToUnk() {
        WordTokenizer tokenizer = WordTokenizer.fromInstructions(List.of("Push the red block to the left."));
        long[] ids = tokenizer.encode("push the purple block");
        assertEquals(WordTokenizer.BOS, ids[0]);
        assertTrue(java.util.Arrays.stream(ids).anyMatch(id -> id == WordTokenizer.UNK));
        assertEquals(tokenizer.words(), new WordTokenizer(tokenizer.words()).words());
        assertThrows(IllegalArgumentException.class, () -> new WordTokenizer(List.of("a", "b")));
    }
}
