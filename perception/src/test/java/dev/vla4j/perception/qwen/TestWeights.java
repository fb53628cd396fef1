package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.testkit.GoldenFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Weights for Qwen2 tests: the parameters of a golden file, or seeded random ones in the golden's style. */
final class TestWeights {
    private TestWeights() {}

    /** Every parameter tensor of the golden file (names under {@code model.} or {@code lm_head.}). */
    static Weights fromGolden(GoldenFile golden) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String name : golden.names()) {
            if (name.startsWith("model.") || name.startsWith("lm_head.")) {
                params.put(name, golden.get(name));
            }
        }
        return new Weights(params, golden.path().getFileName().toString());
    }

    /**
     * Seeded random tensors for every required name: embeddings N(0, 0.5²), Linear weights N(0, 1/fan_in),
     * biases N(0, 0.1²), RMSNorm weights 1 + N(0, 0.2²).
     */
    static Map<String, NDArray> random(NDManager manager, Qwen2Config config, long seed) {
        Random random = new Random(seed);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Qwen2Names.requiredTensors(config).forEach((name, shape) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            double std = name.endsWith("norm.weight") ? 0.2
                    : name.equals(Qwen2Names.EMBED_TOKENS) ? 0.5
                    : name.endsWith(".bias") ? 0.1
                    : 1 / Math.sqrt(shape.get(1));
            double mean = name.endsWith("norm.weight") ? 1 : 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (mean + std * random.nextGaussian());
            }
            tensors.put(name, manager.create(values, shape));
        });
        return tensors;
    }

    static Qwen2Model randomModel(NDManager manager, Qwen2Config config, long seed) {
        return Qwen2Model.load(config, new Weights(random(manager, config, seed), "random(seed " + seed + ")"));
    }

}
