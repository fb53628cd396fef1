package dev.vla4j.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.policy.vla.VlaModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OptimizationTest {

    /**
     * Two steps worked by hand with torch.optim.AdamW's formulas (lr 0.1, wd 0.01, default betas and eps), on a
     * (1, 2) weight matrix, which decays.
     */
    @Test
    void adamWMatchesTorchsUpdateAndResumesExactly() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            NDArray weight = manager.create(new float[] {1f, -2f}, new Shape(1, 2));
            NDArray gradient = manager.create(new float[] {0.5f, 0.1f}, new Shape(1, 2));
            AdamW adam = AdamW.withTorchDefaults(manager, 0.01);
            adam.update(Map.of("w", weight), Map.of("w", gradient), 0.1);
            // decay 1 - 0.1·0.01, then the bias-corrected step is lr·g/|g| at step 1
            assertArrayEquals(new float[] {0.999f - 0.1f, -1.998f - 0.1f}, weight.toFloatArray(), 1e-6f);
            NDArray resumed = weight.duplicate();
            AdamW copy = AdamW.withTorchDefaults(manager, 0.01);
            copy.restore(adam.state(), adam.step());
            adam.update(Map.of("w", weight), Map.of("w", gradient), 0.1);
            copy.update(Map.of("w", resumed), Map.of("w", gradient), 0.1);
            float[] expected = {(0.899f * 0.999f) - 0.1f, (-2.098f * 0.999f) - 0.1f};
            assertArrayEquals(expected, weight.toFloatArray(), 1e-5f);
            assertArrayEquals(weight.toFloatArray(), resumed.toFloatArray(), 0f);
            assertEquals(2, copy.step());
            assertThrows(IllegalArgumentException.class,
                    () -> adam.update(Map.of("w", weight), Map.of(), 0.1));
            assertThrows(IllegalArgumentException.class, () -> new AdamW(manager, 1.0, 0.999, 1e-8, 0));
        }
    }

    /** A leak here costs a parameter's size per parameter per step (it once filled 24 GB in 1,700 steps). */
    @Test
    void updatesLeaveNothingBehindInTheStateManager() {
        try (NDManager state = Engine.getInstance().newBaseManager();
             NDManager step = Engine.getInstance().newBaseManager()) {
            NDArray weight = step.create(new float[] {1f, 2f, 3f});
            AdamW adam = AdamW.withTorchDefaults(state, 0.01);
            adam.update(Map.of("w", weight), Map.of("w", step.create(new float[] {0.1f, 0.2f, 0.3f})), 0.01);
            int arrays = state.getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                adam.update(Map.of("w", weight), Map.of("w", step.create(new float[] {0.1f, 0.2f, 0.3f})), 0.01);
            }
            assertEquals(arrays, state.getManagedArrays().size(), "arrays left in the optimizer's manager");
        }
    }

    /**
     * With a zero gradient the Adam step is exactly 0, so what remains is the decay: w·(1 − lr·wd) for weight
     * matrices and conv kernels, nothing for biases, norm weights, Bridge gates, layer-scale gains and the
     * ActionQuery table (the trainer's names).
     */
    @Test
    void weightDecayShrinksOnlyMatricesAndKernels() {
        Map<String, Shape> decayed = Map.of(
                "action_head.model.fc1.weight", new Shape(2, 3),
                "proprio_projector.fc1.weight", new Shape(3, 2),
                "model.vision_tower.vision_tower.model.network.0.0.token_mixer.reparam_conv.weight", new Shape(2, 1, 3, 3),
                "model.embed_tokens.weight", new Shape(4, 2));
        Map<String, Shape> kept = Map.of(
                "action_head.model.fc1.bias", new Shape(3),
                "action_head.model.layer_norm1.weight", new Shape(3),
                "model.layers.0.input_layernorm.weight", new Shape(2),
                "action_head.model.mlp_resnet_blocks.0.gating_factor", new Shape(1),
                "model.vision_tower.vision_tower.model.network.0.0.layer_scale", new Shape(2, 1, 1),
                "model.vision_tower.vision_tower.model.network.3.0.layer_scale_1", new Shape(2, 1, 1),
                VlaModel.ACTION_QUERIES, new Shape(4, 2));
        double lr = 0.1;
        double wd = 0.5;
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Map<String, float[]> before = new HashMap<>();
            Map<String, NDArray> parameters = new HashMap<>();
            Map<String, NDArray> gradients = new HashMap<>();
            Random random = new Random(5);
            Stream.concat(decayed.entrySet().stream(), kept.entrySet().stream()).forEach(e -> {
                float[] values = new float[Math.toIntExact(e.getValue().size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                before.put(e.getKey(), values);
                parameters.put(e.getKey(), manager.create(values, e.getValue()));
                gradients.put(e.getKey(), manager.zeros(e.getValue()));
            });
            AdamW.withTorchDefaults(manager, wd).update(parameters, gradients, lr);
            decayed.keySet().forEach(name -> {
                float[] expected = before.get(name).clone();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] -= (float) (lr * wd) * expected[i];
                }
                assertArrayEquals(expected, parameters.get(name).toFloatArray(), 1e-6f, name + " decays by lr·wd·w");
            });
            kept.keySet().forEach(name ->
                    assertArrayEquals(before.get(name), parameters.get(name).toFloatArray(), 0f, name + " must not decay"));
        }
    }

    /** The run's {@code weight_decay} is the optimizer's: 0 leaves a zero-gradient matrix as it is. */
    @Test
    void theConfigsWeightDecayReachesTheOptimizer() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            for (double wd : new double[] {0, 0.01, 0.3}) {
                TrainConfig config = TrainConfig.preset("tiny").with(List.of("weight_decay=" + wd));
                NDArray weight = manager.create(new float[] {2f, -4f}, new Shape(1, 2));
                Trainer.optimizer(config, manager).update(Map.of("w", weight), Map.of("w", manager.zeros(new Shape(1, 2))),
                        0.1);
                float kept = (float) (1 - 0.1 * wd);
                assertArrayEquals(new float[] {2f * kept, -4f * kept}, weight.toFloatArray(), 1e-6f, "weight_decay=" + wd);
            }
        }
    }

    @Test
    void warmupThenCosine() {
        LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertEquals(1e-4, schedule.at(1), 1e-12);
        assertEquals(1e-3, schedule.at(10), 1e-12);
        assertEquals(1e-3 * (0.1 + 0.9 * 0.5), schedule.at(60), 1e-12);
        assertEquals(1e-4, schedule.at(110), 1e-12);
        assertEquals(1e-4, schedule.at(500), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 20, 10, 0));
    }

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            NDArray a = manager.create(new float[] {3f, 0f});
            NDArray b = manager.create(new float[] {4f});
            double norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0);
            assertEquals(5.0, norm, 1e-6);
            assertArrayEquals(new float[] {0.6f, 0f}, a.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0.8f}, b.toFloatArray(), 1e-5f);
            NDArray small = manager.create(new float[] {0.1f});
            assertEquals(0.1, GradientClipping.clipGlobalNorm(List.of(small), 1.0), 1e-6);
            assertArrayEquals(new float[] {0.1f}, small.toFloatArray());
            NDArray nan = manager.create(new float[] {Float.NaN});
            assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(List.of(nan), 1.0)));
        }
    }
}
