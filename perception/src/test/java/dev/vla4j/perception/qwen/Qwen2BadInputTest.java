package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.Weights;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Wrong ids, masks, positions, embeddings and weights each fail with a message naming what is wrong. */
class Qwen2BadInputTest {
    private static final Qwen2Config CONFIG = Qwen2Config.tiny();
    private static final Qwen2Model.Outputs LOGITS = Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS;
    private static NDManager manager;
    private static Qwen2Model model;

    @BeforeAll
    static void build() {
        manager = Engine.getInstance().newBaseManager();
        model = TestWeights.randomModel(manager, CONFIG, 11);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    private static NDArray ids(long... values) {
        return manager.create(values, new Shape(1, values.length));
    }

    private static void expect(Class<? extends RuntimeException> type, String fragment, Executable action) {
        RuntimeException e = assertThrows(type, action);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void idsOutsideTheVocabulary() {
        expect(IllegalArgumentException.class, "holds 512 at flat index 1, outside the vocabulary [0, 512)",
                () -> model.forward(ids(1, 512, 3), null, null, LOGITS));
        expect(IllegalArgumentException.class, "holds -1",
                () -> model.forward(ids(-1), null, null, LOGITS));
        expect(IllegalArgumentException.class, "<image> placeholder",
                () -> model.forward(ids(1, QwenPrompts.IMAGE_TOKEN_INDEX), null, null, LOGITS));
        expect(IllegalArgumentException.class, "input_ids must be int64",
                () -> model.forward(manager.create(new float[] {1, 2}, new Shape(1, 2)), null, null, LOGITS));
        expect(IllegalArgumentException.class, "expected (B, T)",
                () -> model.forward(manager.create(new long[] {1, 2}), null, null, LOGITS));
    }

    @Test
    void maskThatDoesNotFitTheIds() {
        NDArray input = ids(1, 2, 3);
        expect(IllegalArgumentException.class, "attention_mask has shape (1, 2); expected (1, 3)",
                () -> model.forward(input, manager.create(new long[] {1, 1}, new Shape(1, 2)), null, LOGITS));
        expect(IllegalArgumentException.class, "only 0 and 1, found 2",
                () -> model.forward(input, manager.create(new long[] {1, 2, 1}, new Shape(1, 3)), null, LOGITS));
        expect(IllegalArgumentException.class, "position_ids has shape (2, 3); expected (1, 3)",
                () -> model.forward(input, null, manager.zeros(new Shape(2, 3), DataType.INT64), LOGITS));
    }

    @Test
    void positionsBeyondTheModelsLength() {
        int max = CONFIG.maxPositionEmbeddings();
        expect(IllegalArgumentException.class, "position " + max + " is outside [0, max_position_embeddings=" + max,
                () -> model.forward(ids(1, 2), null, manager.create(new long[] {0, max}, new Shape(1, 2)), LOGITS));
        expect(IllegalArgumentException.class, "position -1",
                () -> model.forward(ids(1, 2), null, manager.create(new long[] {-1, 0}, new Shape(1, 2)), LOGITS));
        NDArray tooLong = manager.ones(new Shape(1, max + 1), DataType.INT64);
        expect(IllegalArgumentException.class, "the sequence is too long for this model",
                () -> model.forward(tooLong, null, null, LOGITS));
        // exactly max positions is fine
        assertEquals(new Shape(1, max, CONFIG.vocabSize()),
                model.forward(manager.ones(new Shape(1, max), DataType.INT64), null, null, LOGITS).logits().getShape());
    }

    @Test
    void embeddingsOfTheWrongShapeOrType() {
        expect(IllegalArgumentException.class, "expected (B, T>0, 64)", () -> model.forwardEmbeddings(
                manager.zeros(new Shape(1, 3, 32)), null, null, LOGITS));
        expect(IllegalArgumentException.class, "must be float32", () -> model.forwardEmbeddings(
                manager.zeros(new Shape(1, 3, 64), DataType.FLOAT64), null, null, LOGITS));
        expect(IllegalArgumentException.class, "expected (B, T, D)", () -> model.forwardEmbeddings(
                manager.zeros(new Shape(3, 64)), null, null, LOGITS));
    }

    @Test
    void cacheMismatches() {
        try (NDManager scope = manager.newSubManager(); KvCache cache = model.newCache(scope)) {
            model.forwardEmbeddings(model.embed(scope.create(new long[] {1, 2, 3}, new Shape(1, 3))), null, null,
                    cache, Qwen2Model.Outputs.HIDDEN_STATES);
            assertEquals(3, cache.length());
            expect(IllegalArgumentException.class, "does not match the KV cache's batch 1",
                    () -> model.forwardEmbeddings(scope.zeros(new Shape(2, 1, 64)), null, null, cache, LOGITS));
            expect(IllegalArgumentException.class, "past + new positions 4",
                    () -> model.forwardEmbeddings(scope.zeros(new Shape(1, 1, 64)),
                            scope.ones(new Shape(1, 1), DataType.INT64), null, cache, LOGITS));
        }
    }

    @Test
    void hiddenStatesOnlySkipsTheLogits() {
        Qwen2Output out = model.forward(ids(1, 2, 3), null, null, Qwen2Model.Outputs.HIDDEN_STATES);
        assertEquals(CONFIG.numHiddenLayers() + 1, out.hiddenStates().size());
        expect(IllegalStateException.class, "hidden states only", out::logits);
    }

    @Test
    void missingMisshapedAndUnexpectedWeights() {
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> tensors = TestWeights.random(scope, CONFIG, 1);
            String q = Qwen2Names.layer(1) + "self_attn.q_proj.bias";
            NDArray saved = tensors.remove(q);
            expect(CheckpointException.class, "missing tensor '" + q + "'",
                    () -> Qwen2Model.load(CONFIG, new Weights(tensors, "test.safetensors")));
            tensors.put(q, scope.zeros(new Shape(32)));
            expect(CheckpointException.class, "'" + q + "' has shape (32), expected (64)",
                    () -> Qwen2Model.load(CONFIG, new Weights(tensors, "test.safetensors")));
            tensors.put(q, saved);
            tensors.put(Qwen2Names.LM_HEAD, scope.zeros(new Shape(512, 32)));
            expect(CheckpointException.class, "'lm_head.weight' has shape (512, 32)",
                    () -> Qwen2Model.load(CONFIG, new Weights(tensors, "test.safetensors")));
            tensors.put(Qwen2Names.LM_HEAD, scope.zeros(new Shape(512, 64)));
            Weights withHead = new Weights(tensors, "test.safetensors");
            Qwen2Model.load(CONFIG, withHead);
            withHead.requireAllUsed(); // a tied head present in the file is accepted (FastVLM's release has one)
            tensors.put("model.layers.9.extra", scope.zeros(new Shape(1)));
            Weights extra = new Weights(tensors, "test.safetensors");
            Qwen2Model.load(CONFIG, extra);
            expect(CheckpointException.class, "model.layers.9.extra", extra::requireAllUsed);
        }
    }

    @Test
    void anUntiedModelNeedsItsHead() {
        Qwen2Config untied = new Qwen2Config(512, 64, 128, 2, 4, 2, 1e6, 1e-6, false, 128);
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> tensors = TestWeights.random(scope, untied, 2);
            Qwen2Model withHead = Qwen2Model.load(untied, new Weights(tensors, "untied"));
            assertTrue(withHead.parameters().containsKey(Qwen2Names.LM_HEAD));
            tensors.remove(Qwen2Names.LM_HEAD);
            expect(CheckpointException.class, "missing tensor 'lm_head.weight'",
                    () -> Qwen2Model.load(untied, new Weights(tensors, "untied")));
        }
    }

    @Test
    void parametersListEachDistinctTensorOnce() {
        Map<String, NDArray> params = model.parameters();
        assertEquals(Qwen2Names.requiredTensors(CONFIG).keySet(), params.keySet());
        params.forEach((name, array) ->
                assertEquals(Qwen2Names.requiredTensors(CONFIG).get(name), array.getShape(), name));
    }
}
