package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * {@code MLPResNetBlock_Pro}: separate key/value projections for the latent ({@code k_self}/{@code v_self}), the
 * adapter branch ({@code k_adapter}/{@code v_adapter}) and the raw branch ({@code k_task}/{@code v_task}), with
 * RoPE on the query and on every key, each source numbered from position 0. The unused {@code film_gen.0}
 * Linear(D→2D) exists only so that released state dicts load.
 */
final class ProBridgeBlock extends BridgeAttentionBlock {
    /** The RoPE tables for the latent (T positions), the adapter branch (Ka) and the raw branch (Kt). */
    record Rope(RotaryTable latent, RotaryTable adapter, RotaryTable raw) {
        static Rope forConfig(NDManager manager, BridgeAttentionConfig config) {
            int headDim = config.headDim();
            return new Rope(new RotaryTable(manager, config.actionChunk(), headDim),
                    new RotaryTable(manager, config.adapterTokens(), headDim),
                    new RotaryTable(manager, config.rawTokens(), headDim));
        }
    }

    private final Rope rope;
    private final LinearLayer selfKey;
    private final LinearLayer selfValue;
    private final LinearLayer adapterKey;
    private final LinearLayer adapterValue;
    private final LinearLayer rawKey;
    private final LinearLayer rawValue;

    ProBridgeBlock(BridgeAttentionConfig config, HeadWeights weights, String prefix, Rope rope) {
        super(config, weights, prefix);
        this.rope = rope;
        this.selfKey = LinearLayer.take(weights, prefix + "k_self");
        this.selfValue = LinearLayer.take(weights, prefix + "v_self");
        this.adapterKey = LinearLayer.take(weights, prefix + "k_adapter");
        this.adapterValue = LinearLayer.take(weights, prefix + "v_adapter");
        this.rawKey = LinearLayer.take(weights, prefix + "k_task");
        this.rawValue = LinearLayer.take(weights, prefix + "v_task");
    }

    /** The block's tensors in state-dict order. */
    static void expect(Map<String, Shape> shapes, String prefix, long dim) {
        expectShared(shapes, prefix, dim);
        for (String name : new String[] {"k_self", "v_self", "k_adapter", "v_adapter", "k_task", "v_task", "o_proj"}) {
            LinearLayer.expect(shapes, prefix + name, dim, dim);
        }
        LinearLayer.expect(shapes, prefix + "film_gen.0", dim, 2 * dim);
    }

    @Override
    Projected project(NDArray latent, NDArray adapter, NDArray raw) {
        return new Projected(
                rope.latent().apply(heads(queryProjection.apply(latent))),   // (B, H, T, d)
                rope.latent().apply(heads(selfKey.apply(latent))),           // (B, H, T, d)
                heads(selfValue.apply(latent)),
                rope.adapter().apply(heads(adapterKey.apply(adapter))),      // (B, H, Ka, d)
                heads(adapterValue.apply(adapter)),
                rope.raw().apply(heads(rawKey.apply(raw))),                  // (B, H, Kt, d)
                heads(rawValue.apply(raw)));
    }
}
