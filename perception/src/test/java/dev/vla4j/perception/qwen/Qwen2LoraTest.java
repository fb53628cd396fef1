package dev.vla4j.perception.qwen;

import static dev.vla4j.perception.nn.GradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.SafetensorsCheckpoint;
import dev.vla4j.perception.io.SafetensorsWriter;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.nn.GradientCheck;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.testkit.Tolerance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA on every Qwen2 projection: names, the no-op start, adapter-only training, merging, saving and loading. */
class Qwen2LoraTest {
    private static final Qwen2Config CONFIG = Qwen2Config.tiny();
    private static final LoraConfig LORA = new LoraConfig(4, 8);

    private NDManager manager;
    private NDArray ids;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
        ids = manager.create(new long[] {5, 17, 3, 99, 42, 7}, new Shape(2, 3));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float[] logits(Qwen2Model model) {
        try (NDManager call = manager.newSubManager()) {
            NDArray input = ids.duplicate();
            input.attach(call);
            return model.forward(input, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS).logits().toFloatArray();
        }
    }

    /** Random nonzero adapters (B ≠ 0, unlike a fresh one), named as the model names them. */
    private Map<String, NDArray> randomAdapters(long seed) {
        Random random = new Random(seed);
        Map<String, NDArray> adapters = new LinkedHashMap<>();
        Qwen2Names.loraTensors(CONFIG, LORA.rank()).forEach((name, shape) ->
                adapters.put(name, gaussian(manager, random, 0.05, shape)));
        return adapters;
    }

    @Test
    void everyProjectionGetsAnAdapterNamedAsPeftNamesIt() {
        Qwen2Model model = TestWeights.randomModel(manager, CONFIG, 1);
        assertFalse(model.hasLora());
        assertTrue(model.loraParameters().isEmpty());
        Map<String, NDArray> base = model.parameters();
        model.addLora(LORA, 7);
        Map<String, NDArray> lora = model.loraParameters();
        Map<String, Shape> expected = Qwen2Names.loraTensors(CONFIG, LORA.rank());
        assertEquals(2 * 7 * CONFIG.numHiddenLayers(), expected.size(), "A and B for q, k, v, o, gate, up, down");
        assertEquals(expected.keySet(), lora.keySet());
        expected.forEach((name, shape) -> assertEquals(shape, lora.get(name).getShape(), name));
        assertEquals("model.layers.0.self_attn.q_proj.lora_A.weight", lora.keySet().iterator().next());
        assertEquals(new Shape(CONFIG.keyValueDim(), 4), lora.get("model.layers.1.self_attn.k_proj.lora_B.weight")
                .getShape());
        assertEquals(base, model.parameters(), "the base parameters keep their upstream names");
        lora.values().forEach(array -> assertEquals(manager, array.getManager(), "adapters live with the weights"));

        Qwen2Model same = TestWeights.randomModel(manager, CONFIG, 1);
        same.addLora(LORA, 7);
        String a = "model.layers.1.mlp.down_proj.lora_A.weight";
        assertArrayEquals(lora.get(a).toFloatArray(), same.loraParameters().get(a).toFloatArray(), 0f, "seeded");
        assertTrue(assertThrows(IllegalStateException.class, () -> model.addLora(LORA, 7)).getMessage()
                .contains("already has LoRA adapters"));
    }

    @Test
    void aFreshAdapterLeavesTheOutputsUnchanged() {
        Qwen2Model model = TestWeights.randomModel(manager, CONFIG, 2);
        float[] before = logits(model);
        model.addLora(LORA, 3);
        assertArrayEquals(before, logits(model), 0f);
    }

    @Test
    void anSgdStepOnTheAdaptersLeavesTheFrozenBaseUntouched() {
        Qwen2Model model = TestWeights.randomModel(manager, CONFIG, 4);
        model.addLora(LORA, 5);
        Map<String, float[]> baseBefore = new LinkedHashMap<>();
        model.parameters().forEach((name, array) -> baseBefore.put(name, array.toFloatArray()));
        float[] logitsBefore = logits(model);
        model.loraParameters().values().forEach(array -> array.setRequiresGradient(true));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector();
             NDManager step = manager.newSubManager()) {
            NDArray input = ids.duplicate();
            input.attach(step);
            NDArray logits = model.forward(input, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS).logits();
            collector.backward(logits.mul(gaussian(step, new Random(6), 1, logits.getShape())).sum());
        }
        model.parameters().forEach((name, array) -> assertFalse(array.hasGradient(), name + " is frozen"));
        model.loraParameters().forEach((name, array) -> {
            float[] gradient = GradientCheck.gradient(array);
            double norm = 0;
            for (float g : gradient) {
                norm += g * g;
            }
            // with B = 0 the gradient reaches B only; A's is exactly zero until B moves (as in PEFT)
            if (name.endsWith("lora_B.weight")) {
                assertTrue(norm > 0, name + " gets a gradient");
            } else {
                assertEquals(0.0, norm, name);
            }
            GradientCheck.sgdStep(array, 0.5f);
        });
        model.parameters().forEach((name, array) ->
                assertArrayEquals(baseBefore.get(name), array.toFloatArray(), 0f, name + " unchanged"));
        assertNotEquals(logitsBefore[0], logits(model)[0], "the step changed the outputs");
    }

    @Test
    void mergingGivesTheAdapterFormsOutputsUnderTheUpstreamNames() {
        Qwen2Model model = TestWeights.randomModel(manager, CONFIG, 8);
        model.loadLora(LORA, new Weights(randomAdapters(9), "adapters"));
        float[] adapted = logits(model);
        assertNotEquals(adapted[0], logits(TestWeights.randomModel(manager, CONFIG, 8))[0], "the adapters act");
        Map<String, NDArray> before = model.parameters();
        model.mergeLora();
        assertFalse(model.hasLora());
        assertEquals(before, model.parameters(), "same names, same arrays (merged in place)");
        Tolerance.assertClose("merged logits", logits(model), adapted, 2, 3, CONFIG.vocabSize());
    }

    @Test
    void adaptersSaveAndLoadByNameWithOrWithoutPeftsPrefix(@TempDir Path dir) {
        Qwen2Model trained = TestWeights.randomModel(manager, CONFIG, 10);
        trained.loadLora(LORA, new Weights(randomAdapters(11), "adapters"));
        Map<String, NDArray> peftNamed = new LinkedHashMap<>();
        trained.loraParameters().forEach((name, array) -> peftNamed.put(Qwen2Names.PEFT_PREFIX + name, array));
        Path file = dir.resolve("adapter_model.safetensors");
        SafetensorsWriter.write(file, peftNamed, Map.of());

        Qwen2Model reloaded = TestWeights.randomModel(manager, CONFIG, 10);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            Weights weights = checkpoint.weights(manager);
            reloaded.loadLora(LORA, weights, Qwen2Names.PEFT_PREFIX);
            weights.requireAllUsed();
        }
        assertArrayEquals(logits(trained), logits(reloaded), 0f);
    }

    @Test
    void missingMisshapedAndMistypedAdapterTensorsAreRefusedByName() {
        Qwen2Model model = TestWeights.randomModel(manager, CONFIG, 12);
        Map<String, NDArray> adapters = randomAdapters(13);
        String gone = "model.layers.1.mlp.up_proj.lora_B.weight";
        NDArray kept = adapters.remove(gone);
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> model.loadLora(LORA, new Weights(adapters, "adapter.safetensors")));
        assertTrue(missing.getMessage().contains("adapter.safetensors: missing tensor '" + gone + "' (128, 4)"),
                missing.getMessage());
        adapters.put(gone, kept);
        CheckpointException rank = assertThrows(CheckpointException.class,
                () -> model.loadLora(new LoraConfig(8, 16), new Weights(adapters, "adapter.safetensors")));
        assertTrue(rank.getMessage().contains("'model.layers.0.self_attn.q_proj.lora_A.weight' has shape (4, 64), "
                + "expected (8, 64)"), rank.getMessage());
        adapters.put(gone, kept.toType(DataType.FLOAT64, false));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> model.loadLora(LORA, new Weights(adapters, "adapter.safetensors")));
        assertTrue(type.getMessage().contains("'" + gone + "' is float64, expected float32"), type.getMessage());
        assertFalse(model.hasLora(), "a refused load leaves no adapter behind");
    }
}
