package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * {@code MLPResNetBlock}, the original block: one {@code k_proj}/{@code v_proj} shared by the latent, the adapter
 * branch and the raw branch, and no positions, so all chunk rows of its output are identical at inference.
 */
final class V1BridgeBlock extends BridgeAttentionBlock {
    private final LinearLayer key;
    private final LinearLayer value;

    V1BridgeBlock(BridgeAttentionConfig config, HeadWeights weights, String prefix) {
        super(config, weights, prefix);
        this.key = LinearLayer.take(weights, prefix + "k_proj");
        this.value = LinearLayer.take(weights, prefix + "v_proj");
    }

    /** The block's tensors in state-dict order. */
    static void expect(Map<String, Shape> shapes, String prefix, long dim) {
        expectShared(shapes, prefix, dim);
        for (String name : new String[] {"k_proj", "v_proj", "o_proj"}) {
            LinearLayer.expect(shapes, prefix + name, dim, dim);
        }
    }

    @Override
    Projected project(NDArray latent, NDArray adapter, NDArray raw) {
        return new Projected(heads(queryProjection.apply(latent)),                       // (B, H, T, d)
                heads(key.apply(latent)), heads(value.apply(latent)),
                heads(key.apply(adapter)), heads(value.apply(adapter)),                  // (B, H, Ka, d)
                heads(key.apply(raw)), heads(value.apply(raw)));                         // (B, H, Kt, d)
    }
}
