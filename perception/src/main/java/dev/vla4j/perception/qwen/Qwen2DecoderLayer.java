package dev.vla4j.perception.qwen;

import static dev.vla4j.perception.qwen.Qwen2Names.DOWN_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.GATE_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.INPUT_NORM;
import static dev.vla4j.perception.qwen.Qwen2Names.K_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.O_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.POST_ATTENTION_NORM;
import static dev.vla4j.perception.qwen.Qwen2Names.PROJECTIONS;
import static dev.vla4j.perception.qwen.Qwen2Names.Q_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.UP_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.V_PROJ;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.nn.LoraLinear;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One pre-norm Qwen2 decoder layer: {@code h = x + o_proj(GQA(RoPE(q), RoPE(k), v))} on {@code RMSNorm(x)},
 * then {@code y = h + down(silu(gate(n)) ⊙ up(n))} on {@code n = RMSNorm(h)}. q/k/v have biases; o_proj and
 * the MLP have none. Each Linear is a {@link LoraLinear}, so it can carry a LoRA adapter. The steps are
 * package-visible so tests can compare layer intermediates.
 */
final class Qwen2DecoderLayer {
    private final Qwen2Config config;
    private final float eps;
    private final NDArray inputNorm;          // (D)
    private final LoraLinear q;               // (D, D) + bias
    private final LoraLinear k, v;            // (KV·hd, D) + bias
    private final LoraLinear o;               // (D, D)
    private final NDArray postNorm;           // (D)
    private final LoraLinear gate, up;        // (F, D)
    private final LoraLinear down;            // (D, F)
    private final Map<String, LoraLinear> projections; // by module name, in Qwen2Names.PROJECTIONS order

    /** Takes layer {@code index}'s tensors from {@code weights}, each checked against {@code shapes}. */
    Qwen2DecoderLayer(Qwen2Config config, Map<String, Shape> shapes, Weights weights, String prefix, int index) {
        this.config = config;
        this.eps = (float) config.rmsNormEps();
        String p = Qwen2Names.layer(index);
        Function<String, NDArray> take = name -> weights.take(prefix + p + name, shapes.get(p + name));
        inputNorm = take.apply(INPUT_NORM);
        postNorm = take.apply(POST_ATTENTION_NORM);
        projections = new LinkedHashMap<>();
        for (String module : PROJECTIONS) {
            String bias = module + ".bias";
            projections.put(module, new LoraLinear(take.apply(module + ".weight"),
                    shapes.containsKey(p + bias) ? take.apply(bias) : null));
        }
        q = projections.get(Q_PROJ);
        k = projections.get(K_PROJ);
        v = projections.get(V_PROJ);
        o = projections.get(O_PROJ);
        gate = projections.get(GATE_PROJ);
        up = projections.get(UP_PROJ);
        down = projections.get(DOWN_PROJ);
    }

    /** The layer's tensors by their name inside the layer (e.g. {@code self_attn.q_proj.weight}), adapters excluded. */
    Map<String, NDArray> parameters() {
        Map<String, NDArray> named = new LinkedHashMap<>();
        projections.forEach((module, linear) -> linear.putParameters(module, named));
        named.put(INPUT_NORM, inputNorm);
        named.put(POST_ATTENTION_NORM, postNorm);
        return named;
    }

    /** The seven Linear modules by module name ({@code self_attn.q_proj}, …), in state-dict order. */
    Map<String, LoraLinear> projections() {
        return Collections.unmodifiableMap(projections);
    }

    /**
     * x (B, T, D) → (B, T, D). {@code cos}/{@code sin} are (B, T, hd); {@code mask} is the additive
     * (B, 1, 1, T, S) mask; {@code cache} (may be null) receives this step's keys and values.
     */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, int index) {
        NDArray h = x.add(attention(projections(inputNorm(x)), cos, sin, mask, cache, index));
        return h.add(mlp(postAttentionNorm(h)));
    }

    NDArray inputNorm(NDArray x) {
        return rmsNorm(x, inputNorm, eps);
    }

    NDArray postAttentionNorm(NDArray h) {
        return rmsNorm(h, postNorm, eps);
    }

    /** The q, k, v Linear outputs (bias included), before the head split and RoPE: (B,T,D), (B,T,KV·hd) ×2. */
    NDList projections(NDArray normed) {
        return new NDList(q.apply(normed), k.apply(normed), v.apply(normed));
    }

    /** Grouped-query attention over the projections, after o_proj: (B, T, D). */
    NDArray attention(NDList qkv, NDArray cos, NDArray sin, NDArray mask, KvCache cache, int index) {
        Shape in = qkv.get(0).getShape();
        long b = in.get(0);
        long t = in.get(1);
        int kvHeads = config.numKeyValueHeads();
        int group = config.queriesPerKeyValue();
        int hd = config.headDim();
        // q: (B, T, KV·G·hd) → (B, KV, G, T, hd); head h uses kv head h / G, as HF's repeat_kv
        NDArray q = qkv.get(0).reshape(b, t, kvHeads, group, hd).transpose(0, 2, 3, 1, 4);
        q = RotaryEmbedding.apply(q, cos.reshape(b, 1, 1, t, hd), sin.reshape(b, 1, 1, t, hd));
        NDArray k = qkv.get(1).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3);          // (B, KV, T, hd)
        k = RotaryEmbedding.apply(k, cos.reshape(b, 1, t, hd), sin.reshape(b, 1, t, hd));
        NDArray keys = k.transpose(0, 1, 3, 2).expandDims(2);                             // (B, KV, 1, hd, T)
        NDArray values = qkv.get(2).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3).expandDims(2); // (B,KV,1,T,hd)
        if (cache != null) {
            NDList all = cache.extend(index, keys, values);
            keys = all.get(0);                                                             // (B, KV, 1, hd, S)
            values = all.get(1);                                                           // (B, KV, 1, S, hd)
        }
        NDArray scores = q.matMul(keys).div(HostArrays.scalar(q, (float) Math.sqrt(hd))).add(mask); // (B, KV, G, T, S)
        NDArray probabilities = scores.softmax(4);
        NDArray context = probabilities.matMul(values)                                     // (B, KV, G, T, hd)
                .transpose(0, 3, 1, 2, 4).reshape(b, t, (long) kvHeads * group * hd);     // (B, T, D)
        return o.apply(context);
    }

    /** SwiGLU MLP output before the residual: (B, T, D). */
    NDArray mlp(NDArray normed) {
        NDArray gated = gate.apply(normed);                                                // (B, T, F)
        return down.apply(gated.mul(Activation.sigmoid(gated)).mul(up.apply(normed)));     // (B, T, D)
    }

    /** HF Qwen2RMSNorm: {@code x · rsqrt(mean(x²) + eps) · w}, no mean subtraction, no bias. */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        int last = x.getShape().dimension() - 1;
        NDArray variance = x.square().mean(new int[] {last}, true);                       // (…, 1)
        return x.div(variance.add(HostArrays.scalar(variance, eps)).sqrt()).mul(weight);
    }
}
