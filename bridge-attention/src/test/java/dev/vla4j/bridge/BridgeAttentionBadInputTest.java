package dev.vla4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Wrong inputs and wrong weights get a clear error naming what is wrong; a predict call leaves nothing behind
 * but its result. Uses the tiny config with random weights.
 */
class BridgeAttentionBadInputTest {
    private static final BridgeAttentionConfig TINY = BridgeAttentionConfig.tiny(true);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Map<String, NDArray> random(Map<String, Shape> shapes) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> weights.put(name, manager.randomNormal(0f, 0.1f, shape, DataType.FLOAT32)));
        return weights;
    }

    private BridgeAttentionHead tinyHead(BridgeAttentionConfig config) {
        return BridgeAttentionHead.load(config, random(ActionHead.expectedTensors(config)),
                random(ProprioProjector.expectedTensors(config)));
    }

    private NDArray hiddenStates(long batch, long layers, long tokens, long dim) {
        return manager.randomNormal(new Shape(batch, layers, tokens, dim));
    }

    @Test
    void wrongHiddenStateShapesNameTheExpectedLayout() {
        BridgeAttentionHead head = tinyHead(TINY);
        NDArray proprio = manager.zeros(new Shape(2, 8));
        for (NDArray wrong : new NDArray[] {
            hiddenStates(2, 3, 24, 64),                   // one layer short: block 2 would read index 3
            hiddenStates(2, 5, 24, 64),                   // one layer too many
            hiddenStates(2, 4, 23, 64),                   // tokens ≠ 16 raw + 8 action queries
            hiddenStates(2, 4, 24, 32),                   // D
            manager.randomNormal(new Shape(4, 24, 64))}) { // no batch axis
            assertMessage(() -> head.predict(wrong, proprio),
                    "hidden states must be (batch, layers, tokens, D) = (batch, 4, 16 raw + 8 action-query tokens, 64)",
                    "got " + wrong.getShape());
        }
    }

    @Test
    void wrongProprioIsRefused() {
        BridgeAttentionHead head = tinyHead(TINY);
        NDArray states = hiddenStates(2, 4, 24, 64);
        assertMessage(() -> head.predict(states, manager.zeros(new Shape(2, 7))),
                "proprio must be (batch, proprio_dim) = (2, 8)", "got (2, 7)");
        assertMessage(() -> head.predict(states, manager.zeros(new Shape(1, 8))), "got (1, 8)");
        assertMessage(() -> head.proprioProjector().forward(manager.zeros(new Shape(8))),
                "proprio must be (batch, 8), got (8)");
        assertMessage(() -> head.actionHead().forward(states, manager.zeros(new Shape(2, 64)), ActivationProbe.NONE),
                "proprio features must be (2, 1, 64)");
    }

    @Test
    void missingMisshapedUnexpectedAndNonFloatWeightsAreListedByName() {
        Map<String, NDArray> weights = random(ActionHead.expectedTensors(TINY));
        weights.remove("model.mlp_resnet_blocks.1.k_task.weight");
        weights.put("model.fc2.weight", manager.zeros(new Shape(6, 64)));
        weights.put("model.mlp_resnet_blocks.0.extra", manager.zeros(new Shape(1)));
        weights.put("model.layer_norm2.bias", manager.zeros(new Shape(64), DataType.FLOAT64));
        assertMessage(() -> ActionHead.load(TINY, weights), "action head weights do not match the config",
                "1 missing:\n    model.mlp_resnet_blocks.1.k_task.weight (64, 64)",
                "1 unexpected:\n    model.mlp_resnet_blocks.0.extra",
                "1 mis-shaped:\n    model.fc2.weight (6, 64) (expected (7, 64))",
                "1 not float32:\n    model.layer_norm2.bias float64");

        Map<String, NDArray> projector = random(ProprioProjector.expectedTensors(TINY));
        projector.put("fc1.weight", manager.zeros(new Shape(64, 7)));
        assertMessage(() -> ProprioProjector.load(TINY, projector),
                "proprio projector weights do not match the config", "fc1.weight (64, 7) (expected (64, 8))");
    }

    @Test
    void aV1CheckpointIsRefusedByAProConfig() {
        Map<String, NDArray> v1 = random(ActionHead.expectedTensors(BridgeAttentionConfig.tiny(false)));
        assertMessage(() -> ActionHead.load(TINY, v1), "missing:", "model.mlp_resnet_blocks.0.k_self.weight",
                "unexpected:", "model.mlp_resnet_blocks.0.k_proj.weight");
    }

    @Test
    void partsBuiltFromDifferentConfigsAreRefused() {
        BridgeAttentionConfig v1 = BridgeAttentionConfig.tiny(false);
        ActionHead head = ActionHead.load(TINY, random(ActionHead.expectedTensors(TINY)));
        ProprioProjector projector = ProprioProjector.load(v1, random(ProprioProjector.expectedTensors(v1)));
        assertMessage(() -> new BridgeAttentionHead(head, projector), "different configs");
    }

    @Test
    void predictLeavesOnlyItsResultAndNeverTouchesTheWeights() {
        BridgeAttentionHead head = tinyHead(TINY);
        manager.cap(); // weights and derived constants are done: any array leaking into this manager now throws
        try (NDManager caller = Engine.getInstance().newBaseManager()) {
            NDArray states = caller.randomNormal(new Shape(2, 4, 24, 64));
            NDArray proprio = caller.randomUniform(-1f, 1f, new Shape(2, 8));
            int before = caller.getManagedArrays().size();
            NDArray first = head.predict(states, proprio);
            NDArray second = head.predict(states, proprio);
            assertEquals(new Shape(2, 8, 7), first.getShape());
            assertEquals(before + 2, caller.getManagedArrays().size(), "arrays left in the caller's manager");
            assertEquals(caller, states.getManager(), "inputs return to the caller's manager");
            assertEquals(first.sub(second).abs().max().getFloat(), 0f, "the same input gives the same chunk");
        }
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "':\n" + e.getMessage());
        }
    }
}
