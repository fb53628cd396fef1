package dev.vla4j.perception.nn;

import static dev.vla4j.perception.nn.GradientCheck.gaussian;
import static dev.vla4j.perception.nn.GradientCheck.gradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.testkit.Tolerance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One LoRA'd Linear: its output, its gradients against a float64 computation in plain Java, merging, bad input. */
class LoraLinearTest {
    private static final int IN = 4;
    private static final int OUT = 5;
    private static final LoraConfig LORA = new LoraConfig(3, 6); // scale 2
    private static final Shape X = new Shape(2, 3, IN);          // two batches of three rows

    private NDManager manager;
    private Random random;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
        random = new Random(5);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private LoraLinear linear() {
        return new LoraLinear(gaussian(manager, random, 0.5, new Shape(OUT, IN)), gaussian(manager, random, 0.1, new Shape(OUT)));
    }

    @Test
    void aFreshAdapterChangesNothingAndIsPeftsGaussianInit() {
        LoraLinear layer = linear();
        NDArray x = gaussian(manager, random, 1, X);
        float[] plain = layer.apply(x).toFloatArray();
        layer.addAdapter(LORA, new Random(1));
        assertTrue(layer.hasAdapter());
        assertArrayEquals(plain, layer.apply(x).toFloatArray(), 0f, "B = 0 adds exact zeros");

        LoraLinear wide = new LoraLinear(manager.zeros(new Shape(OUT, 4000)), null);
        wide.addAdapter(new LoraConfig(8, 16), new Random(2));
        Map<String, NDArray> adapter = new LinkedHashMap<>();
        wide.putAdapter("m", adapter);
        float[] a = adapter.get("m" + LoraLinear.LORA_A).toFloatArray();
        double sumSquares = 0;
        for (float v : a) {
            sumSquares += v * v;
        }
        double std = Math.sqrt(sumSquares / a.length);
        assertEquals(1.0 / 8, std, 0.05 / 8, "lora_A std is 1/r (32000 draws: the estimate is within 1%)");
        assertEquals(0f, adapter.get("m" + LoraLinear.LORA_B).abs().max().getFloat(), "lora_B starts at zero");
        assertEquals(manager, adapter.get("m" + LoraLinear.LORA_A).getManager(), "created in the weight's manager");
    }

    @Test
    void gradientsMatchAFloat64ComputationInPlainJava() {
        NDArray w = gaussian(manager, random, 0.5, new Shape(OUT, IN));
        NDArray b = gaussian(manager, random, 0.1, new Shape(OUT));
        NDArray a = gaussian(manager, random, 0.5, new Shape(LORA.rank(), IN));
        NDArray bUp = gaussian(manager, random, 0.5, new Shape(OUT, LORA.rank()));
        NDArray x = gaussian(manager, random, 1, X);
        NDArray r = gaussian(manager, random, 1, new Shape(2, 3, OUT)); // loss = Σ y ⊙ r, so dL/dy = r
        LoraLinear layer = new LoraLinear(w, b);
        layer.setAdapter(LORA, a, bUp);
        for (NDArray p : new NDArray[] {w, b, a, bUp, x}) {
            p.setRequiresGradient(true);
        }
        float[] y;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = layer.apply(x);
            y = out.toFloatArray();
            collector.backward(out.mul(r).sum());
        }
        Reference ref = new Reference(w.toFloatArray(), b.toFloatArray(), a.toFloatArray(), bUp.toFloatArray(),
                x.toFloatArray(), r.toFloatArray(), LORA.scale());
        Tolerance.assertClose("y", y, ref.y, 2, 3, OUT);
        Tolerance.assertClose("dW", gradient(w), ref.dW, OUT, IN);
        Tolerance.assertClose("db", gradient(b), ref.db, OUT);
        Tolerance.assertClose("dA", gradient(a), ref.dA, LORA.rank(), IN);
        Tolerance.assertClose("dB", gradient(bUp), ref.dB, OUT, LORA.rank());
        Tolerance.assertClose("dx", gradient(x), ref.dx, 2, 3, IN);
    }

    /** y = x·Wᵀ + b + s·(x·Aᵀ)·Bᵀ and its gradients for dL/dy = r, in float64, rows flattened. */
    private static final class Reference {
        final float[] y, dW, db, dA, dB, dx;

        Reference(float[] w, float[] b, float[] a, float[] bUp, float[] x, float[] r, double s) {
            int rows = x.length / IN;
            int rank = a.length / IN;
            double[] y = new double[rows * OUT], dW = new double[OUT * IN], db = new double[OUT];
            double[] dA = new double[rank * IN], dB = new double[OUT * rank], dx = new double[rows * IN];
            for (int n = 0; n < rows; n++) {
                double[] low = new double[rank];   // x·Aᵀ
                double[] back = new double[rank];  // r·B, the gradient reaching x·Aᵀ (before s)
                for (int k = 0; k < rank; k++) {
                    for (int i = 0; i < IN; i++) {
                        low[k] += x[n * IN + i] * (double) a[k * IN + i];
                    }
                    for (int o = 0; o < OUT; o++) {
                        back[k] += r[n * OUT + o] * (double) bUp[o * rank + k];
                    }
                }
                for (int o = 0; o < OUT; o++) {
                    double v = b[o];
                    for (int i = 0; i < IN; i++) {
                        v += x[n * IN + i] * (double) w[o * IN + i];
                        dW[o * IN + i] += r[n * OUT + o] * (double) x[n * IN + i];
                        dx[n * IN + i] += r[n * OUT + o] * (double) w[o * IN + i];
                    }
                    for (int k = 0; k < rank; k++) {
                        v += s * low[k] * bUp[o * rank + k];
                        dB[o * rank + k] += s * r[n * OUT + o] * low[k];
                    }
                    y[n * OUT + o] = v;
                    db[o] += r[n * OUT + o];
                }
                for (int k = 0; k < rank; k++) {
                    for (int i = 0; i < IN; i++) {
                        dA[k * IN + i] += s * back[k] * x[n * IN + i];
                        dx[n * IN + i] += s * back[k] * a[k * IN + i];
                    }
                }
            }
            this.y = floats(y);
            this.dW = floats(dW);
            this.db = floats(db);
            this.dA = floats(dA);
            this.dB = floats(dB);
            this.dx = floats(dx);
        }

        private static float[] floats(double[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
    }

    @Test
    void mergingFoldsTheAdapterIntoTheWeight() {
        LoraLinear layer = linear();
        NDArray weight = layer.weight();
        layer.setAdapter(LORA, gaussian(manager, random, 0.5, new Shape(LORA.rank(), IN)),
                gaussian(manager, random, 0.5, new Shape(OUT, LORA.rank())));
        NDArray x = gaussian(manager, random, 1, X);
        NDArray adapted = layer.apply(x);
        layer.merge();
        assertFalse(layer.hasAdapter());
        assertTrue(weight == layer.weight(), "merged in place: holders of the weight see the merged values");
        Tolerance.assertClose("merged output", layer.apply(x), adapted);
        layer.merge(); // no adapter: nothing to do
        Tolerance.assertClose("merged output", layer.apply(x), adapted);
    }

    @Test
    void wrongAdaptersAreRefused() {
        LoraLinear layer = linear();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> layer.setAdapter(LORA,
                manager.zeros(new Shape(3, 5)), manager.zeros(new Shape(OUT, 3))));
        assertTrue(shape.getMessage().contains("needs lora_A (3, 4) and lora_B (5, 3), got (3, 5) and (5, 3)"),
                shape.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> layer.setAdapter(LORA,
                manager.zeros(new Shape(3, IN), DataType.FLOAT64), manager.zeros(new Shape(OUT, 3))));
        assertTrue(type.getMessage().contains("must be float32"), type.getMessage());
        layer.addAdapter(LORA, new Random(3));
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> layer.addAdapter(LORA, new Random(3)));
        assertTrue(twice.getMessage().contains("already has a LoRA adapter"), twice.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LoraConfig(0, 1)).getMessage()
                .contains("rank must be positive, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LoraConfig(4, Double.NaN)).getMessage()
                .contains("alpha must be a positive finite number, got NaN"));
        assertEquals(2f, LoraConfig.vlaAdapter().scale());
    }
}
