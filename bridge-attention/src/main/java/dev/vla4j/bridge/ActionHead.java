package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code L1RegressionActionHead} with its {@code MLPResNet}: the initial latent
 * A0 = ReLU(fc1(LN(Z))) with Z = zeros; block i reads hidden-state index i+1; then {@code layer_norm2} and
 * {@code fc2} give the normalized action chunk. Tensor names are the state-dict names, {@code model.*}.
 *
 * <p><b>Z is zeros in training too.</b> Upstream VLA-Adapter trains with Z ~ N(0, 0.02²) but infers with Z = 0.
 * {@code layer_norm1} rescales that noise to unit variance, so such a head is trained on a random A0 and deployed on
 * a constant one (LN(0) is {@code layer_norm1.bias}). This head has one forward, used by training and inference
 * alike, so both see the same A0; {@code layer_norm1.weight} then only ever multiplies zeros and gets no gradient.
 *
 * <p>With {@link BridgeAttentionConfig#proprioInLatent} (a vla4j option) the proprio token is added to every row of
 * A0 as well as appended to the adapter keys.
 *
 * <p><b>Nothing derived from the weights is cached</b>: A0 (one (1, 6272)·(6272, 896) product, well under 1% of a
 * forward) and each block's {@code tanh(gating_factor)} are computed on every call from the current weights, so the
 * forward is differentiable in every weight and reflects any update at once, with no refresh step. Only the RoPE
 * tables, which depend on the config alone, are built once at load.
 */
public final class ActionHead {
    private static final String PREFIX = "model.";

    private final BridgeAttentionConfig config;
    private final HeadWeights weights;
    private final LayerNormLayer latentNorm;
    private final LinearLayer latentProjection;
    private final List<BridgeAttentionBlock> blocks;
    private final LayerNormLayer finalNorm;
    private final LinearLayer outputProjection;

    private ActionHead(BridgeAttentionConfig config, HeadWeights weights) {
        this.config = config;
        this.weights = weights;
        this.latentNorm = LayerNormLayer.take(weights, PREFIX + "layer_norm1");
        this.latentProjection = LinearLayer.take(weights, PREFIX + "fc1");
        NDManager owner = weights.get(PREFIX + "fc1.weight").getManager();
        ProBridgeBlock.Rope rope = config.pro() ? ProBridgeBlock.Rope.forConfig(owner, config) : null;
        this.blocks = new ArrayList<>();
        for (int i = 0; i < config.numBlocks(); i++) {
            String prefix = blockPrefix(i);
            blocks.add(config.pro() ? new ProBridgeBlock(config, weights, prefix, rope)
                    : new V1BridgeBlock(config, weights, prefix));
        }
        this.finalNorm = LayerNormLayer.take(weights, PREFIX + "layer_norm2");
        this.outputProjection = LinearLayer.take(weights, PREFIX + "fc2");
    }

    /** Every tensor of the head, name → shape in state-dict order, computed from the config alone. */
    public static Map<String, Shape> expectedTensors(BridgeAttentionConfig config) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        long dim = config.hiddenDim();
        LayerNormLayer.expect(shapes, PREFIX + "layer_norm1", config.latentInputDim());
        LinearLayer.expect(shapes, PREFIX + "fc1", config.latentInputDim(), dim);
        for (int i = 0; i < config.numBlocks(); i++) {
            if (config.pro()) {
                ProBridgeBlock.expect(shapes, blockPrefix(i), dim);
            } else {
                V1BridgeBlock.expect(shapes, blockPrefix(i), dim);
            }
        }
        LayerNormLayer.expect(shapes, PREFIX + "layer_norm2", dim);
        LinearLayer.expect(shapes, PREFIX + "fc2", dim, config.actionDim());
        return shapes;
    }

    /**
     * Builds the head on {@code weights} (kept, not copied), refusing missing, unexpected and mis-shaped tensors
     * by name. The Pro block's RoPE tables are built once, in the weights' manager.
     */
    public static ActionHead load(BridgeAttentionConfig config, Map<String, NDArray> weights) {
        return new ActionHead(config, HeadWeights.check("action head", expectedTensors(config), weights));
    }

    public BridgeAttentionConfig config() {
        return config;
    }

    /** The weights by upstream name (the dead {@code film_gen.0} included). */
    public Map<String, NDArray> parameters() {
        return weights.all();
    }

    /**
     * hiddenStates (B, numBlocks+1, rawTokens+numActionQueries, D): every VLM hidden state at the raw tokens then
     * the action-query tokens; proprioFeatures (B, 1, D) from the {@link ProprioProjector} → actions
     * (B, chunk, actionDim). Temporaries and the result belong to {@code hiddenStates}'s manager.
     */
    public NDArray forward(NDArray hiddenStates, NDArray proprioFeatures, ActivationProbe probe) {
        Shape shape = hiddenStates.getShape();
        checkHiddenStates(shape);
        long batch = shape.get(0);
        Shape featureShape = new Shape(batch, 1, config.hiddenDim());
        if (!proprioFeatures.getShape().equals(featureShape)) {
            throw new IllegalArgumentException("proprio features must be " + featureShape + " for hidden states "
                    + shape + ", got " + proprioFeatures.getShape());
        }
        int raw = config.rawTokens();
        NDArray latent = hiddenStates.getManager().zeros(new Shape(batch, config.actionChunk(), config.hiddenDim()))
                .add(initialLatent(hiddenStates.getManager()));                               // (B, T, D)
        if (config.proprioInLatent()) {
            latent = latent.add(proprioFeatures);                                               // (B, T, D)
        }
        probe.record("A0", latent);
        for (int i = 0; i < blocks.size(); i++) {
            NDArray rawTokens = hiddenStates.get(new NDIndex(":, {}, :{}", i + 1, raw));       // (B, Kt, D)
            NDArray queries = hiddenStates.get(new NDIndex(":, {}, {}:", i + 1, raw));        // (B, Q, D)
            NDArray adapter = NDArrays.concat(new NDList(queries, proprioFeatures), 1);       // (B, Q+1, D)
            latent = blocks.get(i).forward(latent, adapter, rawTokens);                       // (B, T, D)
            probe.record("block_out." + i, latent);
        }
        NDArray normalized = finalNorm.apply(latent);                                         // (B, T, D)
        probe.record("final_layer_norm", normalized);
        return outputProjection.apply(normalized);                                            // (B, T, actionDim)
    }

    /** Refuses hidden states that are not (batch, numBlocks+1, rawTokens+numActionQueries, D). */
    void checkHiddenStates(Shape shape) {
        Shape expected = new Shape(config.hiddenStateLayers(), config.hiddenStateTokens(), config.hiddenDim());
        if (shape.dimension() != 4 || !shape.slice(1).equals(expected)) {
            throw new IllegalArgumentException("hidden states must be (batch, layers, tokens, D) = (batch, "
                    + config.hiddenStateLayers() + ", " + config.rawTokens() + " raw + " + config.numActionQueries()
                    + " action-query tokens, " + config.hiddenDim() + "), got " + shape);
        }
    }

    /** A0 = ReLU(fc1(LN(zeros))): (1, D), created in {@code manager}. */
    private NDArray initialLatent(NDManager manager) {
        NDArray input = manager.zeros(new Shape(1, config.latentInputDim()));                 // (1, inputDim·A)
        return Activation.relu(latentProjection.apply(latentNorm.apply(input)));
    }

    private static String blockPrefix(int index) {
        return PREFIX + "mlp_resnet_blocks." + index + ".";
    }
}
