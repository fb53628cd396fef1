package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream {@code ProprioProjector} (specs/vla-adapter.md §1.5): the normalized proprio vector becomes one token,
 * {@code p = fc2(GELU(fc1(proprio)))} with the exact (erf) GELU, appended to the action queries in every block.
 * Tensor names are those of the released {@code proprio_projector--*.pt} without the DDP {@code module.} prefix.
 */
public final class ProprioProjector {
    private final BridgeAttentionConfig config;
    private final HeadWeights weights;
    private final LinearLayer fc1;
    private final LinearLayer fc2;

    private ProprioProjector(BridgeAttentionConfig config, HeadWeights weights) {
        this.config = config;
        this.weights = weights;
        this.fc1 = LinearLayer.take(weights, "fc1");
        this.fc2 = LinearLayer.take(weights, "fc2");
    }

    /** {@code fc1} (D, proprio) and {@code fc2} (D, D) with biases, computed from the config alone. */
    public static Map<String, Shape> expectedTensors(BridgeAttentionConfig config) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        LinearLayer.expect(shapes, "fc1", config.proprioDim(), config.hiddenDim());
        LinearLayer.expect(shapes, "fc2", config.hiddenDim(), config.hiddenDim());
        return shapes;
    }

    /**
     * Builds the projector on {@code weights} (kept, not copied), refusing missing, unexpected and mis-shaped
     * tensors by name.
     */
    public static ProprioProjector load(BridgeAttentionConfig config, Map<String, NDArray> weights) {
        return new ProprioProjector(config, HeadWeights.check("proprio projector", expectedTensors(config), weights));
    }

    public BridgeAttentionConfig config() {
        return config;
    }

    /** proprio (B, proprio_dim) → (B, 1, D); the result belongs to {@code proprio}'s manager. */
    public NDArray forward(NDArray proprio) {
        Shape shape = proprio.getShape();
        if (shape.dimension() != 2 || shape.get(1) != config.proprioDim()) {
            throw new IllegalArgumentException("proprio must be (batch, " + config.proprioDim() + "), got " + shape);
        }
        return fc2.apply(Activation.gelu(fc1.apply(proprio))).expandDims(1);
    }

    /** The weights by upstream name. */
    public Map<String, NDArray> parameters() {
        return weights.all();
    }
}
