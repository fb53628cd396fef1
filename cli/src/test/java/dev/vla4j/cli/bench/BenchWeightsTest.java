package dev.vla4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variance-preserving random weights: per-name rules, the fan-in scaling, and the seed. */
class BenchWeightsTest {

    private static double std(NDArray x) {
        NDArray centered = x.sub(x.mean());
        return Math.sqrt(centered.square().mean().getFloat());
    }

    @Test
    void eachKindOfTensorFollowsItsRule() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            shapes.put("bn.num_batches_tracked", new Shape());
            shapes.put("bn.running_var", new Shape(4096));
            shapes.put("net.0.layer_scale", new Shape(4096, 1, 1));
            shapes.put("block.gating_factor", new Shape(1));
            shapes.put("norm.weight", new Shape(4096));
            shapes.put("fc.bias", new Shape(4096));
            shapes.put("fc.weight", new Shape(512, 256));         // fan_in 256
            shapes.put("conv.weight", new Shape(512, 16, 3, 3));  // fan_in 144
            shapes.put("head.proj", new Shape(1024, 64));         // (in, out): fan_in 1024
            Map<String, NDArray> w = BenchWeights.generate(manager, shapes);

            assertEquals(shapes.keySet(), w.keySet());
            shapes.forEach((name, shape) -> assertEquals(shape, w.get(name).getShape(), name));
            assertEquals(DataType.INT64, w.get("bn.num_batches_tracked").getDataType());
            assertEquals(0L, w.get("bn.num_batches_tracked").getLong());
            assertTrue(w.get("bn.running_var").min().getFloat() >= 0.5f && w.get("bn.running_var").max().getFloat() < 1.5f);
            assertTrue(w.get("net.0.layer_scale").min().getFloat() >= 0.2f
                    && w.get("net.0.layer_scale").max().getFloat() < 0.6f);
            assertTrue(Math.abs(w.get("block.gating_factor").getFloat()) < 0.8f);
            assertEquals(1.0, w.get("norm.weight").mean().getFloat(), 0.02);
            assertEquals(0.2, std(w.get("norm.weight")), 0.02);
            assertEquals(0.1, std(w.get("fc.bias")), 0.01);
            assertEquals(1 / Math.sqrt(256), std(w.get("fc.weight")), 0.05 / Math.sqrt(256));
            assertEquals(1 / Math.sqrt(144), std(w.get("conv.weight")), 0.05 / Math.sqrt(144));
            assertEquals(1 / Math.sqrt(1024), std(w.get("head.proj")), 0.05 / Math.sqrt(1024));
            w.values().forEach(t -> assertTrue(t.getDataType() == DataType.FLOAT32 || t.getShape().dimension() == 0));
        }
    }

    @Test
    void theEngineSeedMakesThemReproducible() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(42);
            float[] first = BenchWeights.tensor(manager, "fc.weight", new Shape(8, 8)).toFloatArray();
            Engine.getInstance().setRandomSeed(42);
            float[] again = BenchWeights.tensor(manager, "fc.weight", new Shape(8, 8)).toFloatArray();
            assertArrayEquals(first, again);
        }
    }
}
