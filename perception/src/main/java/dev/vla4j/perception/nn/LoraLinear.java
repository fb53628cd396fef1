package dev.vla4j.perception.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.vla4j.perception.engine.HostArrays;
import java.util.Map;
import java.util.Random;

/**
 * A torch {@code nn.Linear} ({@code weight} (out, in), optional {@code bias} (out)) that can carry one LoRA adapter,
 * as PEFT's {@code lora.Linear} does: {@code y = x·Wᵀ + b + (α/r)·(x·Aᵀ)·Bᵀ} with {@code lora_A} (r, in) and
 * {@code lora_B} (out, r). Without an adapter {@link #apply} is the single fused linear op it always was.
 *
 * <p>Names follow PEFT's saved adapters: a module {@code m} has {@code m.weight}, {@code m.bias} and, with an
 * adapter, {@code m.lora_A.weight} and {@code m.lora_B.weight}. The arrays are used as given (not copied); results
 * of {@link #apply} belong to the input's manager.
 */
public final class LoraLinear {
    public static final String LORA_A = ".lora_A.weight";
    public static final String LORA_B = ".lora_B.weight";

    private final NDArray weight; // (out, in)
    private final NDArray bias;   // (out), or null
    private NDArray loraA;        // (r, in), null without an adapter
    private NDArray loraB;        // (out, r)
    private float scale;          // α / r

    /** {@code bias} may be null (a Linear with {@code bias=False}). */
    public LoraLinear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    public NDArray weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public NDArray bias() {
        return bias;
    }

    public boolean hasAdapter() {
        return loraA != null;
    }

    /** (…, in) → (…, out), owned by {@code x}'s manager. */
    public NDArray apply(NDArray x) {
        NDArray y = Linear.linear(x, weight, bias).singletonOrThrow();                 // (…, out)
        if (loraA == null) {
            return y;
        }
        NDArray low = Linear.linear(x, loraA).singletonOrThrow();                      // (…, r)
        return y.add(Linear.linear(low, loraB).singletonOrThrow().mul(HostArrays.scalar(y, scale))); // (…, out)
    }

    /**
     * A fresh adapter in the weight's manager, as PEFT's "gaussian" init makes it: {@code lora_A} ~ N(0, (1/r)²) drawn
     * from {@code random}, {@code lora_B} = 0, so the layer's output is unchanged until B is trained.
     */
    public void addAdapter(LoraConfig config, Random random) {
        requireNoAdapter();
        int rank = config.rank();
        long in = weight.getShape().get(1);
        float[] a = new float[Math.toIntExact(rank * in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (config.initialStd() * random.nextGaussian());
        }
        setAdapter(config, HostArrays.of(weight.getManager(), a, new Shape(rank, in)),
                weight.getManager().zeros(new Shape(weight.getShape().get(0), rank)));
    }

    /** Uses {@code a} (r, in) and {@code b} (out, r) as given (e.g. loaded from a saved adapter) as the adapter. */
    public void setAdapter(LoraConfig config, NDArray a, NDArray b) {
        requireNoAdapter();
        Shape expectedA = new Shape(config.rank(), weight.getShape().get(1));
        Shape expectedB = new Shape(weight.getShape().get(0), config.rank());
        if (!a.getShape().equals(expectedA) || !b.getShape().equals(expectedB)) {
            throw new IllegalArgumentException("LoRA rank " + config.rank() + " on a " + weight.getShape()
                    + " weight needs lora_A " + expectedA + " and lora_B " + expectedB + ", got " + a.getShape()
                    + " and " + b.getShape());
        }
        if (a.getDataType() != DataType.FLOAT32 || b.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("LoRA weights must be float32, got " + a.getDataType() + " and "
                    + b.getDataType());
        }
        this.loraA = a;
        this.loraB = b;
        this.scale = config.scale();
    }

    /**
     * Folds the adapter into the weight in place, {@code W += (α/r)·B·A} (outside autograd, like PEFT's
     * {@code merge}), and drops it: the layer is a plain Linear again. The adapter's arrays are not closed (the
     * caller may still hold them). Does nothing without an adapter.
     */
    public void merge() {
        if (loraA == null) {
            return;
        }
        try (NDArray b = loraB.stopGradient();
             NDArray a = loraA.stopGradient();
             NDArray product = b.matMul(a);                                            // (out, in)
             NDArray delta = product.mul(scale);
             NDArray target = weight.stopGradient()) {                                  // shares W's storage
            target.addi(delta);
        }
        loraA = null;
        loraB = null;
    }

    /** Adds {@code module.weight} and, if present, {@code module.bias} to {@code out}. */
    public void putParameters(String module, Map<String, NDArray> out) {
        out.put(module + ".weight", weight);
        if (bias != null) {
            out.put(module + ".bias", bias);
        }
    }

    /** Adds {@code module.lora_A.weight} and {@code module.lora_B.weight} to {@code out} when there is an adapter. */
    public void putAdapter(String module, Map<String, NDArray> out) {
        if (loraA != null) {
            out.put(module + LORA_A, loraA);
            out.put(module + LORA_B, loraB);
        }
    }

    private void requireNoAdapter() {
        if (loraA != null) {
            throw new IllegalStateException("this layer already has a LoRA adapter: merge it first");
        }
    }
}
