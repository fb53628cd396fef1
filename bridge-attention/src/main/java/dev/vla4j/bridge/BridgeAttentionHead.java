package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VLA-Adapter policy head as the policy uses it: the {@link ProprioProjector} and the {@link ActionHead}, run
 * together on the VLM's hidden states and the normalized proprio vector to give a normalized action chunk.
 */
public final class BridgeAttentionHead {
    /** Where the projector's tensors live in {@link #parameters()}. */
    public static final String PROJECTOR_PREFIX = "proprio_projector.";

    private final ActionHead actionHead;
    private final ProprioProjector proprioProjector;

    public BridgeAttentionHead(ActionHead actionHead, ProprioProjector proprioProjector) {
        if (!actionHead.config().equals(proprioProjector.config())) {
            throw new IllegalArgumentException("action head and proprio projector were built from different configs");
        }
        this.actionHead = actionHead;
        this.proprioProjector = proprioProjector;
    }

    /**
     * Builds both parts on their weights: {@code headWeights} named {@code model.*} as in
     * {@code action_head--*.pt}, {@code projectorWeights} named {@code fc1.*}/{@code fc2.*} as in
     * {@code proprio_projector--*.pt} (DDP {@code module.} prefixes stripped, see {@link HeadWeights#stripPrefix}).
     */
    public static BridgeAttentionHead load(BridgeAttentionConfig config, Map<String, NDArray> headWeights,
                                           Map<String, NDArray> projectorWeights) {
        return new BridgeAttentionHead(ActionHead.load(config, headWeights), ProprioProjector.load(config, projectorWeights));
    }

    public BridgeAttentionConfig config() {
        return actionHead.config();
    }

    public ActionHead actionHead() {
        return actionHead;
    }

    public ProprioProjector proprioProjector() {
        return proprioProjector;
    }

    /** The head's tensors ({@code model.*}) and the projector's, prefixed {@link #PROJECTOR_PREFIX}. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(actionHead.parameters());
        proprioProjector.parameters().forEach((name, tensor) -> all.put(PROJECTOR_PREFIX + name, tensor));
        return all;
    }

    /** See {@link #predict(NDArray, NDArray, ActivationProbe)}. */
    public NDArray predict(NDArray hiddenStates, NDArray proprio) {
        return predict(hiddenStates, proprio, ActivationProbe.NONE);
    }

    /**
     * hiddenStates (B, numBlocks+1, rawTokens+numActionQueries, D), proprio (B, proprioDim) normalized →
     * normalized actions (B, chunk, actionDim), owned by {@code hiddenStates}'s manager. Temporaries live in a
     * sub-manager closed before returning; {@code probe} sees them while they exist.
     *
     * <p>Training uses this same forward (see {@link ActionHead} on the initial latent). Under a
     * {@code GradientCollector} the result is differentiable in every weight that requires a gradient,
     * {@code gating_factor} and the A0 path included; closing the temporaries does not cut the autograd graph.
     */
    public NDArray predict(NDArray hiddenStates, NDArray proprio, ActivationProbe probe) {
        actionHead.checkHiddenStates(hiddenStates.getShape());
        Shape proprioShape = new Shape(hiddenStates.getShape().get(0), config().proprioDim());
        if (!proprio.getShape().equals(proprioShape)) {
            throw new IllegalArgumentException("proprio must be (batch, proprio_dim) = " + proprioShape
                    + " for hidden states " + hiddenStates.getShape() + ", got " + proprio.getShape());
        }
        NDManager caller = hiddenStates.getManager();
        try (NDManager call = caller.newSubManager()) {
            hiddenStates.tempAttach(call);
            proprio.tempAttach(call);
            NDArray features = proprioProjector.forward(proprio);                              // (B, 1, D)
            probe.record("proprio_features", features);
            NDArray actions = actionHead.forward(hiddenStates, features, probe);              // (B, T, actionDim)
            actions.attach(caller);
            return actions;
        }
    }
}
