package dev.vla4j.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The head trained through its one forward: the constant A0, gradients reaching every weight (gating factors and
 * the A0 path included), and an SGD step that the next prediction sees at once (nothing derived is cached). Tiny
 * config.
 */
class BridgeAttentionTrainingTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private BridgeAttentionHead head(BridgeAttentionConfig config) {
        Random random = new Random(41);
        return BridgeAttentionHead.load(config, random(ActionHead.expectedTensors(config), random),
                random(ProprioProjector.expectedTensors(config), random));
    }

    private Map<String, NDArray> random(Map<String, Shape> shapes, Random random) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> weights.put(name, gaussian(random, 0.1, shape)));
        return weights;
    }

    private NDArray gaussian(Random random, double std, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (std * random.nextGaussian());
        }
        return manager.create(values, shape);
    }

    /** Hidden states, proprio and the loss weights r of the smooth loss Σ actions ⊙ r, for batch 2. */
    private NDArray[] batch(BridgeAttentionConfig config) {
        Random random = new Random(42);
        return new NDArray[] {
            gaussian(random, 1, new Shape(2, config.hiddenStateLayers(), config.hiddenStateTokens(), config.hiddenDim())),
            gaussian(random, 0.5, new Shape(2, config.proprioDim())),
            gaussian(random, 1, new Shape(2, config.actionChunk(), config.actionDim()))};
    }

    /** Σ actions ⊙ weights summed in float64 (a value only: DJL's toType is outside autograd). */
    private static double loss(NDArray actions, NDArray weights) {
        return actions.toType(DataType.FLOAT64, false).mul(weights.toType(DataType.FLOAT64, false)).sum().getDouble();
    }

    /**
     * The one forward starts every sample and chunk step from A0 = ReLU(fc1(LN(0))) = ReLU(fc1(layer_norm1.bias)),
     * in training as at inference (upstream's training noise on Z is not reproduced: see {@link ActionHead}).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theInitialLatentIsTheSameConstantForEverySampleAndStep(boolean pro) {
        BridgeAttentionConfig config = BridgeAttentionConfig.tiny(pro);
        BridgeAttentionHead head = head(config);
        NDArray[] in = batch(config);
        Map<String, NDArray> weights = head.parameters();
        NDArray expected = weights.get("model.fc1.weight").matMul(weights.get("model.layer_norm1.bias"))
                .add(weights.get("model.fc1.bias")).maximum(0f);                              // (D)
        Map<String, float[]> seen = new LinkedHashMap<>();
        head.predict(in[0], in[1], (name, activation) -> seen.put(name, activation.toFloatArray()));
        float[] a0 = seen.get("A0");                                                          // (B, T, D)
        float[] row = expected.toFloatArray();
        assertEquals(2L * config.actionChunk() * row.length, a0.length);
        assertTrue(row.length > 0 && expected.sum().getFloat() > 0, "a non-trivial A0");
        for (int offset = 0; offset < a0.length; offset += row.length) {
            assertArrayEquals(row, Arrays.copyOfRange(a0, offset, offset + row.length), 1e-5f,
                    "A0 at (b, t) row " + offset / row.length);
        }
    }

    /** With {@code proprio_in_latent} every row of A0 is the constant above plus that sample's proprio token. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void proprioInLatentAddsEachSamplesProprioTokenToEveryRowOfTheInitialLatent(boolean pro) {
        BridgeAttentionConfig config = BridgeAttentionConfig.tiny(pro).withProprioInLatent(true);
        BridgeAttentionHead head = head(config);
        NDArray[] in = batch(config);
        Map<String, NDArray> weights = head.parameters();
        float[] constant = weights.get("model.fc1.weight").matMul(weights.get("model.layer_norm1.bias"))
                .add(weights.get("model.fc1.bias")).maximum(0f).toFloatArray();               // (D)
        Map<String, float[]> seen = new LinkedHashMap<>();
        head.predict(in[0], in[1], (name, activation) -> seen.put(name, activation.toFloatArray()));
        float[] proprio = seen.get("proprio_features");                                       // (B, 1, D)
        float[] a0 = seen.get("A0");                                                          // (B, T, D)
        int width = constant.length;
        for (int b = 0; b < 2; b++) {
            float[] expected = new float[width];
            for (int d = 0; d < width; d++) {
                expected[d] = constant[d] + proprio[b * width + d];
            }
            for (int t = 0; t < config.actionChunk(); t++) {
                int offset = (b * config.actionChunk() + t) * width;
                assertArrayEquals(expected, Arrays.copyOfRange(a0, offset, offset + width), 1e-5f, "A0 at " + b + ", " + t);
            }
        }
        assertNotEquals(proprio[0], proprio[width], "the two samples' proprio tokens differ");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsReachEveryWeightAndAnSgdStepShowsInTheNextPrediction(boolean pro) {
        BridgeAttentionConfig config = BridgeAttentionConfig.tiny(pro);
        BridgeAttentionHead head = head(config);
        NDArray[] in = batch(config);
        Map<String, NDArray> parameters = head.parameters();
        parameters.values().forEach(p -> p.setRequiresGradient(true));
        double lossBefore;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector();
             NDManager step = manager.newSubManager()) {
            NDArray actions = head.predict(in[0], in[1]);
            actions.attach(step);
            lossBefore = loss(actions, in[2]);
            collector.backward(actions.mul(in[2]).sum());
        }
        Map<String, float[]> gradients = new LinkedHashMap<>();
        double squaredNorm = 0;
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            try (NDArray g = entry.getValue().getGradient()) {
                gradients.put(entry.getKey(), g.toFloatArray());
            }
            double norm = 0;
            for (float g : gradients.get(entry.getKey())) {
                assertTrue(Float.isFinite(g), entry.getKey());
                norm += g * g;
            }
            if (entry.getKey().contains("film_gen")) {
                assertEquals(0.0, norm, entry.getKey() + " is unused upstream too");
            } else if (entry.getKey().equals("model.layer_norm1.weight")) {
                assertEquals(0.0, norm, "layer_norm1 normalizes zeros, so its weight only ever multiplies 0");
            } else {
                assertTrue(norm > 0, entry.getKey() + " gets no gradient");
            }
            squaredNorm += norm;
        }
        for (String name : new String[] {"model.layer_norm1.weight", "model.layer_norm1.bias", "model.fc1.weight",
            "model.mlp_resnet_blocks.0.gating_factor", "model.mlp_resnet_blocks.2.gating_factor"}) {
            assertTrue(gradients.containsKey(name), name);
        }

        // p -= rate·g outside autograd, with the rate that makes the first-order decrease rate·|g|² = 1e-3
        double rate = 1e-3 / squaredNorm;
        parameters.forEach((name, p) -> {
            try (NDArray g = manager.create(gradients.get(name), p.getShape());
                 NDArray delta = g.mul((float) rate);
                 NDArray data = p.stopGradient()) {
                data.subi(delta);
            }
        });
        double lossAfter = loss(head.predict(in[0], in[1]), in[2]);
        // float32 loss values carry ~1e-6 of rounding; the second-order term is far below 1% of the step here
        assertEquals(1e-3, lossBefore - lossAfter, 2e-5, "the loss falls as the gradient predicts");
        assertNotEquals(lossAfter, lossBefore, "inference sees the new weights");
    }
}
