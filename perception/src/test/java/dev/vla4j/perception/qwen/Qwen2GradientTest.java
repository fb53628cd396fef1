package dev.vla4j.perception.qwen;

import static dev.vla4j.perception.nn.GradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.nn.GradientCheck;
import dev.vla4j.perception.nn.LoraConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backward through the unchanged Qwen2 forward (sub-manager, closed temporaries) agrees with central finite
 * differences for entries of every kind of parameter, LoRA's A and B included, on a micro model.
 */
class Qwen2GradientTest {
    /** vocab 32, hidden 16, SwiGLU 32, 1 layer, 2 query heads sharing 1 KV head (GQA), tied head. */
    private static final Qwen2Config MICRO = new Qwen2Config(32, 16, 32, 1, 2, 1, 10_000.0, 1e-6, true, 64);
    private static final LoraConfig LORA = new LoraConfig(2, 4);
    private static final double STEP = 3e-3;
    private static final int ENTRIES = 3;

    @Test
    void backwardAgreesWithFiniteDifferencesForEveryKindOfParameter() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Qwen2Model model = TestWeights.randomModel(manager, MICRO, 21);
            Random random = new Random(22);
            Map<String, NDArray> adapters = new LinkedHashMap<>();
            Qwen2Names.loraTensors(MICRO, LORA.rank()).forEach((name, shape) ->
                    adapters.put(name, gaussian(manager, random, 0.3, shape))); // B ≠ 0, so A has a gradient too
            model.loadLora(LORA, new Weights(adapters, "random adapters"));
            NDArray ids = manager.create(new long[] {3, 31, 7, 0, 12, 5, 9, 30}, new Shape(2, 4));
            NDArray weights = gaussian(manager, random, 1, new Shape(2, 4, MICRO.vocabSize()));

            Map<String, NDArray> all = new LinkedHashMap<>(model.parameters());
            all.putAll(model.loraParameters());
            assertEquals(12 + 2 + 14, all.size(), "embedding, final norm, 12 per layer, 14 LoRA tensors");

            // Central differences first, while no parameter requires a gradient (they are changed in place).
            Map<String, double[]> numeric = new LinkedHashMap<>();
            Map<String, long[]> entries = new LinkedHashMap<>();
            double[] lossMagnitude = new double[1];
            all.forEach((name, param) -> {
                long[] picked = new long[ENTRIES];
                double[] values = new double[ENTRIES];
                for (int i = 0; i < ENTRIES; i++) {
                    picked[i] = random.nextInt(Math.toIntExact(param.size()));
                    values[i] = GradientCheck.centralDifference(param, picked[i], STEP,
                            () -> loss(model, ids, weights, lossMagnitude));
                }
                entries.put(name, picked);
                numeric.put(name, values);
            });

            all.values().forEach(param -> param.setRequiresGradient(true));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                 NDManager step = manager.newSubManager()) {
                NDArray input = ids.duplicate();
                input.attach(step);
                Qwen2Output out = model.forward(input, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
                // float32: DJL's toType runs under NoGradGuard, so a cast would cut the graph
                NDArray loss = out.logits().mul(weights).sum();
                // Only the loss is left open: every activation handle is closed before backward.
                out.hiddenStates().forEach(NDArray::close);
                out.logits().close();
                collector.backward(loss);
            }
            // The float32 forward perturbs each loss term by a few ε relative (rounding on a path of tens of ops,
            // mostly cancelling), so one loss value is off by at most ~10·ε·Σ|terms|; the difference of two such
            // values divided by 2h is off by 10·ε·Σ|terms|/h. The O(h²) truncation term gets 1% of the gradient.
            // (Measured: differences stay ≥ 10× inside this bound; a wrong gradient is off by O(100%).)
            double roundoff = 10 * GradientCheck.EPSILON32 * lossMagnitude[0] / STEP;
            all.forEach((name, param) -> {
                float[] analytic = GradientCheck.gradient(param);
                for (int i = 0; i < ENTRIES; i++) {
                    double a = analytic[Math.toIntExact(entries.get(name)[i])];
                    double n = numeric.get(name)[i];
                    assertTrue(Math.abs(a - n) <= roundoff + 1e-2 * Math.abs(a), name + "[" + entries.get(name)[i]
                            + "]: backward " + a + " vs finite difference " + n + " (allowed " + roundoff + " + 1%)");
                }
            });
        }
    }

    /** Σ logits ⊙ weights, summed in float64 (no graph needed here); also records Σ|logits ⊙ weights|. */
    private static double loss(Qwen2Model model, NDArray ids, NDArray weights, double[] magnitude) {
        try (NDManager call = ids.getManager().newSubManager()) {
            NDArray input = ids.duplicate();
            input.attach(call);
            NDArray terms = model.forward(input, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS).logits()
                    .toType(DataType.FLOAT64, false).mul(weights.toType(DataType.FLOAT64, false));
            magnitude[0] = Math.max(magnitude[0], terms.abs().sum().getDouble());
            return terms.sum().getDouble();
        }
    }
}
