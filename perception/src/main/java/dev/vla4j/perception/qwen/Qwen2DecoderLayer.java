package dev.vla4j.perception.qwen;

import static dev.vla4j.perception.qwen.Qwen2Names.DOWN_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.GATE_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.INPUT_NORM;
import static dev.vla4j.perception.qwen.Qwen2Names.K_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.O_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.POST_ATTENTION_NORM;
import static dev.vla4j.perception.qwen.Qwen2Names.Q_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.UP_PROJ;
import static dev.vla4j.perception.qwen.Qwen2Names.V_PROJ;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.vla4j.perception.io.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One pre-norm Qwen2 decoder layer: {@code h = x + o_proj(GQA(RoPE(q), RoPE(k), v))} on {@code RMSNorm(x)},
 * then {@code y = h + down(silu(gate(n)) ⊙ up(n))} on {@code n = RMSNorm(h)}. q/k/v have biases; o_proj and
 * the MLP have none. The steps are package-visible so tests can compare layer intermediates.
 */
final class Qwen2DecoderLayer {
    private final Qwen2Config config;
    private final float eps;
    private final NDArray inputNorm;          // (D)
    private final NDArray qWeight, qBias;     // (D, D), (D)
    private final NDArray kWeight, kBias;     // (KV·hd, D), (KV·hd)
    private final NDArray vWeight, vBias;     // (KV·hd, D), (KV·hd)
    private final NDArray oWeight;            // (D, D)
    private final NDArray postNorm;           // (D)
    private final NDArray gateWeight, upWeight; // (F, D)
    private final NDArray downWeight;         // (D, F)

    /** Takes layer {@code index}'s tensors from {@code weights}, each checked against {@code shapes}. */
    Qwen2DecoderLayer(Qwen2Config config, Map<String, Shape> shapes, Weights weights, String prefix, int index) {
        this.config = config;
        this.eps = (float) config.rmsNormEps();
        String p = Qwen2Names.layer(index);
        Function<String, NDArray> take = name -> weights.take(prefix + p + name,
                shapes.get(p + name));
        inputNorm = take.apply(INPUT_NORM);
        qWeight = take.apply(Q_PROJ + "weight");
        qBias = take.apply(Q_PROJ + "bias");
        kWeight = take.apply(K_PROJ + "weight");
        kBias = take.apply(K_PROJ + "bias");
        vWeight = take.apply(V_PROJ + "weight");
        vBias = take.apply(V_PROJ + "bias");
        oWeight = take.apply(O_PROJ);
        postNorm = take.apply(POST_ATTENTION_NORM);
        gateWeight = take.apply(GATE_PROJ);
        upWeight = take.apply(UP_PROJ);
        downWeight = take.apply(DOWN_PROJ);
    }

    /** The layer's tensors by their name inside the layer (e.g. {@code self_attn.q_proj.weight}). */
    Map<String, NDArray> parameters() {
        Map<String, NDArray> named = new LinkedHashMap<>();
        named.put(Q_PROJ + "weight", qWeight);
        named.put(Q_PROJ + "bias", qBias);
        named.put(K_PROJ + "weight", kWeight);
        named.put(K_PROJ + "bias", kBias);
        named.put(V_PROJ + "weight", vWeight);
        named.put(V_PROJ + "bias", vBias);
        named.put(O_PROJ, oWeight);
        named.put(GATE_PROJ, gateWeight);
        named.put(UP_PROJ, upWeight);
        named.put(DOWN_PROJ, downWeight);
        named.put(INPUT_NORM, inputNorm);
        named.put(POST_ATTENTION_NORM, postNorm);
        return named;
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
        return new NDList(Linear.linear(normed, qWeight, qBias).singletonOrThrow(),
                Linear.linear(normed, kWeight, kBias).singletonOrThrow(),
                Linear.linear(normed, vWeight, vBias).singletonOrThrow());
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
        NDArray scores = q.matMul(keys).div((float) Math.sqrt(hd)).add(mask);             // (B, KV, G, T, S)
        NDArray probabilities = scores.softmax(4);
        NDArray context = probabilities.matMul(values)                                     // (B, KV, G, T, hd)
                .transpose(0, 3, 1, 2, 4).reshape(b, t, (long) kvHeads * group * hd);     // (B, T, D)
        return Linear.linear(context, oWeight).singletonOrThrow();
    }

    /** SwiGLU MLP output before the residual: (B, T, D). */
    NDArray mlp(NDArray normed) {
        NDArray gate = Linear.linear(normed, gateWeight).singletonOrThrow();               // (B, T, F)
        NDArray up = Linear.linear(normed, upWeight).singletonOrThrow();                   // (B, T, F)
        return Linear.linear(gate.mul(Activation.sigmoid(gate)).mul(up), downWeight).singletonOrThrow();
    }

    /** HF Qwen2RMSNorm: {@code x · rsqrt(mean(x²) + eps) · w}, no mean subtraction, no bias. */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        int last = x.getShape().dimension() - 1;
        NDArray variance = x.square().mean(new int[] {last}, true);                       // (…, 1)
        return x.div(variance.add(eps).sqrt()).mul(weight);
    }
}
