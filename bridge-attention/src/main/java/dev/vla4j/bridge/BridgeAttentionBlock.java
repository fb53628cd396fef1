package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.vla4j.perception.engine.HostArrays;
import java.util.Map;

/**
 * One Bridge Attention block in its code form: the action latent attends, in
 * <b>one joint softmax</b>, over itself, the adapter branch (action queries + proprio) and the raw branch,
 * whose logits alone are scaled by {@code tanh(gating_factor)} before the 1/√d; then
 * {@code ReLU(ffn.1(LN(o_proj(O) + x)))}. Subclasses supply the query, key and value projections: {@link ProBridgeBlock}
 * (separate K/V per source, RoPE) and {@link V1BridgeBlock} (one shared K/V, no positions).
 */
abstract sealed class BridgeAttentionBlock permits ProBridgeBlock, V1BridgeBlock {
    /** Queries, keys and values, each split into heads: (B, H, tokens, d). */
    record Projected(NDArray query, NDArray selfKey, NDArray selfValue, NDArray adapterKey, NDArray adapterValue,
                     NDArray rawKey, NDArray rawValue) {}

    private final int numHeads;
    private final int headDim;
    private final NDArray gatingFactor; // (1): g; the raw logits are scaled by tanh(g), computed per call
    final LinearLayer queryProjection;
    private final LinearLayer outputProjection;
    private final LayerNormLayer ffnNorm;
    private final LinearLayer ffnLinear;

    BridgeAttentionBlock(BridgeAttentionConfig config, HeadWeights weights, String prefix) {
        this.numHeads = config.numHeads();
        this.headDim = config.headDim();
        this.gatingFactor = weights.get(prefix + "gating_factor");
        this.queryProjection = LinearLayer.take(weights, prefix + "q_proj");
        this.outputProjection = LinearLayer.take(weights, prefix + "o_proj");
        this.ffnNorm = LayerNormLayer.take(weights, prefix + "ffn.0");
        this.ffnLinear = LinearLayer.take(weights, prefix + "ffn.1");
    }

    /** The names every block starts with, in state-dict order: gating_factor, ffn.0 (LayerNorm), ffn.1, q_proj. */
    static void expectShared(Map<String, Shape> shapes, String prefix, long dim) {
        shapes.put(prefix + "gating_factor", new Shape(1));
        LayerNormLayer.expect(shapes, prefix + "ffn.0", dim);
        LinearLayer.expect(shapes, prefix + "ffn.1", dim, dim);
        LinearLayer.expect(shapes, prefix + "q_proj", dim, dim);
    }

    /** Projects the three sources and splits them into heads. */
    abstract Projected project(NDArray latent, NDArray adapter, NDArray raw);

    /**
     * latent (B, T, D), adapter (B, Ka, D) = [action queries; proprio], raw (B, Kt, D) → (B, T, D), all ≥ 0.
     * Every result belongs to {@code latent}'s manager.
     */
    NDArray forward(NDArray latent, NDArray adapter, NDArray raw) {
        Shape shape = latent.getShape(); // (B, T, D)
        Projected p = project(latent, adapter, raw);
        NDArray selfScores = p.query().matMul(p.selfKey().transpose(0, 1, 3, 2));          // (B, H, T, T)
        NDArray adapterScores = p.query().matMul(p.adapterKey().transpose(0, 1, 3, 2));    // (B, H, T, Ka)
        // tanh(0 + g) with the per-call zero first: the result is this call's (never the weights' manager) and an
        // ordinary autograd op in g
        NDArray tanhGate = latent.getManager().zeros(new Shape(1)).add(gatingFactor).tanh(); // (1)
        NDArray rawScores = p.query().matMul(p.rawKey().transpose(0, 1, 3, 2)).mul(tanhGate); // (B, H, T, Kt)
        NDArray scores = NDArrays.concat(new NDList(selfScores, adapterScores, rawScores), 3)
                .div(HostArrays.scalar(latent, (float) Math.sqrt(headDim)));               // (B, H, T, T+Ka+Kt)
        NDArray values = NDArrays.concat(new NDList(p.selfValue(), p.adapterValue(), p.rawValue()), 2);
        NDArray attended = scores.softmax(3).matMul(values)                                // (B, H, T, d)
                .transpose(0, 2, 1, 3).reshape(shape);                                     // (B, T, D)
        NDArray residual = outputProjection.apply(attended).add(latent);                   // (B, T, D)
        return Activation.relu(ffnLinear.apply(ffnNorm.apply(residual)));
    }

    /** (B, L, D) → (B, H, L, d). */
    NDArray heads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), numHeads, headDim).transpose(0, 2, 1, 3);
    }
}
