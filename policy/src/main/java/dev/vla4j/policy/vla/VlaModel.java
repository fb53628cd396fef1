package dev.vla4j.policy.vla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.bridge.ActionHead;
import dev.vla4j.bridge.BridgeAttentionHead;
import dev.vla4j.bridge.ProprioProjector;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.perception.fastvlm.FastVlm;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.qwen.Qwen2Model;
import dev.vla4j.perception.qwen.Qwen2Names;
import dev.vla4j.perception.qwen.Qwen2Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VLA's network: FastVLM encodes the cameras and runs the LM over
 * {@code [bos | image tokens | prompt | pad… | ActionQuery tokens]}; every LM layer's hidden states of the image
 * tokens and of the ActionQuery tokens feed one Bridge Attention block; the head maps them and the proprio vector to
 * a chunk of normalized actions.
 */
public final class VlaModel {
    public static final String ACTION_QUERIES = "action_queries.weight";

    private final VlaConfig config;
    private final FastVlm vlm;
    private final NDArray actionQueries; // (Q, D)
    private final BridgeAttentionHead head;
    private final float[] imagePositionCodes; // (tokens per camera, D) flattened; null without image positions
    private final KeypointReadout keypoints;  // null without keypoints

    /** The parts; {@code keypointTensors} holds {@link KeypointReadout#expectedTensors} (empty without keypoints). */
    public VlaModel(VlaConfig config, FastVlm vlm, NDArray actionQueries, BridgeAttentionHead head,
                    Map<String, NDArray> keypointTensors) {
        Shape queries = new Shape(config.head().numActionQueries(), config.vlm().text().hiddenSize());
        if (!actionQueries.getShape().equals(queries)) {
            throw new IllegalArgumentException("the ActionQuery table must be " + queries + ", got " + actionQueries.getShape());
        }
        this.config = config;
        this.vlm = vlm;
        this.actionQueries = actionQueries;
        this.head = head;
        int perCamera = config.vlm().imageTokens();
        this.imagePositionCodes = config.imagePositions() ? ImagePositionCode.table((int) Math.round(Math.sqrt(perCamera)),
                config.vlm().text().hiddenSize()) : null;
        if (config.keypointValues() == 0 && !keypointTensors.isEmpty()) {
            throw new IllegalArgumentException("keypoint tensors " + keypointTensors.keySet() + " for a config without keypoints");
        }
        this.keypoints = config.keypointValues() > 0 ? new KeypointReadout(config, keypointTensors) : null;
    }

    /**
     * A fresh model to train, with seeded weights (see {@link RandomWeights}): the vision tower in its train-time form
     * (branches, BatchNorms and identity paths apart, layer scales {@value RandomWeights#LAYER_SCALE_INIT}, as
     * FastViT trains); the ActionQuery table starts at zero and the Bridge gates at 0, as upstream initialises them.
     */
    public static VlaModel random(VlaConfig config, NDManager manager, int seed) {
        Map<String, Shape> vlmTensors = new LinkedHashMap<>(FastVlm.expectedTrainFormTensors(config.vlm()));
        if (config.vlm().text().tieWordEmbeddings()) {
            vlmTensors.remove(Qwen2Names.LM_HEAD);
        }
        FastVlm vlm = FastVlm.loadTrainForm(config.vlm(), RandomWeights.of(vlmTensors, manager, seed, "random VLM"));
        Map<String, NDArray> keypointWeights = tensors(RandomWeights.of(KeypointReadout.expectedTensors(config), manager,
                seed + 3, "random keypoints"), KeypointReadout.expectedTensors(config));
        NDArray queries = manager.zeros(new Shape(config.head().numActionQueries(), config.vlm().text().hiddenSize()));
        return new VlaModel(config, vlm, queries, randomHead(config, manager, seed), keypointWeights);
    }

    /** A seeded head (the action head from {@code seed + 1}, the proprio projector from {@code seed + 2}). */
    private static BridgeAttentionHead randomHead(VlaConfig config, NDManager manager, int seed) {
        Map<String, NDArray> headWeights = tensors(RandomWeights.of(ActionHead.expectedTensors(config.head()), manager,
                seed + 1, "random head"), ActionHead.expectedTensors(config.head()));
        Map<String, NDArray> projectorWeights = tensors(RandomWeights.of(
                ProprioProjector.expectedTensors(config.head()), manager, seed + 2, "random projector"),
                ProprioProjector.expectedTensors(config.head()));
        return BridgeAttentionHead.load(config.head(), headWeights, projectorWeights);
    }

    /**
     * This model's perception (vision tower, LM, ActionQueries, keypoints) with a fresh seeded head for {@code config},
     * which may differ from this model's only in {@link VlaConfig#startKeypoints} (what the head reads).
     */
    public VlaModel withFreshHead(VlaConfig config, NDManager manager, int seed) {
        if (!config.withStartKeypoints(this.config.startKeypoints()).equals(this.config)) {
            throw new IllegalArgumentException("a fresh head keeps the perception, so only start_keypoints may differ");
        }
        return new VlaModel(config, vlm, actionQueries, randomHead(config, manager, seed), keypointParameters());
    }

    private static Map<String, NDArray> tensors(Weights weights, Map<String, Shape> shapes) {
        Map<String, NDArray> taken = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> taken.put(name, weights.take(name, shape)));
        return taken;
    }

    public VlaConfig config() {
        return config;
    }

    public FastVlm vlm() {
        return vlm;
    }

    public BridgeAttentionHead head() {
        return head;
    }

    public NDArray actionQueries() {
        return actionQueries;
    }

    /**
     * The conditioned keypoints' choice scores (B, K, S+1) among the slots and their own positions
     * ({@link KeypointReadout#choiceScores}), from the (B, Q, D) ActionQuery states of {@link Outputs}.
     */
    public NDArray keypointChoiceScores(NDArray queryStates) {
        if (keypoints == null) {
            throw new IllegalStateException("this model has no keypoints");
        }
        return keypoints.choiceScores(queryStates.mean(new int[] {1}));
    }

    /** The keypoint readout's tensors by name ({@link KeypointReadout#expectedTensors}; empty without keypoints). */
    public Map<String, NDArray> keypointParameters() {
        return keypoints == null ? Map.of() : keypoints.parameters();
    }

    /**
     * This model for inference: the vision tower folded ({@link FastVlm#reparameterize()}), every other tensor
     * shared; itself when the tower is already folded.
     */
    public VlaModel reparameterize() {
        FastVlm folded = vlm.reparameterize();
        return folded == vlm ? this : new VlaModel(config, folded, actionQueries, head, keypointParameters());
    }

    /**
     * Normalized action chunks (B, chunk, A), the vision tower's BatchNorms in eval mode; under a
     * {@code GradientCollector} it is differentiable in every weight.
     *
     * @param images  (B, cameras, 3, S, S) preprocessed
     * @param prompts (B, P) prompt ids, each starting with bos and right-padded with 0; {@code promptLengths} gives
     *                each one's real length
     * @param proprio (B, S) normalized: {@link VlaConfig#proprioInputs()} values
     */
    public NDArray forward(NDArray images, long[][] prompts, int[] promptLengths, NDArray proprio) {
        return forward(images, null, prompts, promptLengths, proprio);
    }

    /**
     * As {@link #forward(NDArray, long[][], int[], NDArray)}, with {@code startPositions} (B, {@link
     * VlaConfig#keypointValues()}) the {@link #keypointPositions} of the frames at which each instruction began, which a
     * {@link VlaConfig#startKeypoints} model reads (null: each observation is its instruction's first, so they are its
     * own keypoints).
     */
    public NDArray forward(NDArray images, NDArray startPositions, long[][] prompts, int[] promptLengths,
                           NDArray proprio) {
        return forwardWithQueryStates(images, startPositions, prompts, promptLengths, proprio, false).actions();
    }

    /**
     * What {@link #forwardWithQueryStates} gives: (B, chunk, A) normalized actions, the last LM layer's (B, Q, D)
     * ActionQuery states, and the (B, cameras·K·2) keypoint positions (null without keypoints).
     */
    public record Outputs(NDArray actions, NDArray queryStates, NDArray keypoints) {}

    /**
     * As {@link #forward}, also returning the last LM layer's ActionQuery states (for auxiliary training losses). With
     * {@code trainVision} the vision tower runs in train mode (its BatchNorms normalise with the batch's statistics and
     * update their running ones): the training forward.
     */
    public Outputs forwardWithQueryStates(NDArray images, long[][] prompts, int[] promptLengths, NDArray proprio,
                                          boolean trainVision) {
        return forwardWithQueryStates(images, null, prompts, promptLengths, proprio, trainVision);
    }

    /**
     * As {@link #forwardWithQueryStates(NDArray, long[][], int[], NDArray, boolean)}, with the instruction's first
     * frames' keypoint positions {@code startPositions} (see {@link #forward(NDArray, NDArray, long[][], int[],
     * NDArray)}). They pass no gradient: the current frames' keypoints are what trains the perception.
     */
    public Outputs forwardWithQueryStates(NDArray images, NDArray startPositions, long[][] prompts, int[] promptLengths,
                                          NDArray proprio, boolean trainVision) {
        NDManager caller = images.getManager();
        try (NDManager call = caller.newSubManager()) {
            Features features = bridgeFeatures(call, images, prompts, promptLengths, trainVision);
            NDArray queryStates = queryStates(features);                                            // (B, Q, D)
            NDArray positions = null;
            NDArray headProprio = proprio;
            if (keypoints != null) {
                positions = keypointPositions(features);
                NDList inputs = new NDList(proprio);
                if (config.startKeypoints()) {
                    inputs.add((startPositions != null ? startPositions : positions).stopGradient());
                }
                inputs.add(positions);
                headProprio = NDArrays.concat(inputs, 1);                                           // (B, proprio_dim)
                positions.attach(caller);
            }
            NDArray actions = head.predict(features.perLayer(), headProprio);
            actions.attach(caller);
            queryStates.attach(caller);
            return new Outputs(actions, queryStates, positions);
        }
    }

    /**
     * The keypoint positions (B, {@link VlaConfig#keypointValues()}) the model finds in {@code images} (B, cameras, 3,
     * S, S) for these prompts, the vision tower in eval mode, with no gradient: what a {@link VlaConfig#startKeypoints}
     * model is given of its instruction's first frames.
     */
    public NDArray keypointPositions(NDArray images, long[][] prompts, int[] promptLengths) {
        if (keypoints == null) {
            throw new IllegalStateException("this model has no keypoints");
        }
        NDManager caller = images.getManager();
        try (NDManager call = caller.newSubManager()) {
            NDArray positions = keypointPositions(bridgeFeatures(call, images, prompts, promptLengths, false))
                    .stopGradient();
            positions.attach(caller);
            return positions;
        }
    }

    /** The keypoints' (B, cameras·(K+S)·2) positions in {@code features}, conditioned on their ActionQuery states. */
    private NDArray keypointPositions(Features features) {
        return keypoints.positions(features.keypointMaps(), queryStates(features).mean(new int[] {1}));
    }

    /** The last LM layer's (B, Q, D) ActionQuery states in {@code features}. */
    private NDArray queryStates(Features features) {
        return features.perLayer().get(new NDIndex(":, -1, {}:", config.head().rawTokens()));
    }

    /**
     * What the head reads: every LM hidden state at the image and ActionQuery positions (B, L+1, R+Q, D), and with
     * keypoints the vision tower's (B·cameras, C, H, W) maps at {@link KeypointReadout#STRIDE} (else null).
     */
    record Features(NDArray perLayer, NDArray keypointMaps) {}

    /** The {@link Features} of a batch, owned by {@code manager}. */
    Features bridgeFeatures(NDManager manager, NDArray images, long[][] prompts, int[] promptLengths,
                            boolean trainVision) {
        Shape shape = images.getShape();
        int batch = checkInputs(shape, prompts, promptLengths);
        int cameras = config.cameras();
        int rawTokens = config.head().rawTokens();
        int queries = config.head().numActionQueries();
        int hidden = config.vlm().text().hiddenSize();
        int promptWidth = prompts[0].length;

        NDArray flatImages = images.reshape(batch * cameras, shape.get(2), shape.get(3), shape.get(4));
        FastVlm.EncodedImages encoded = vlm.encodeImages(flatImages, trainVision,
                keypoints == null ? 0 : KeypointReadout.STRIDE);
        NDArray imageTokens = encoded.tokens().reshape(batch, rawTokens, hidden);                 // (B, R, D)
        imageTokens.attach(manager);
        if (encoded.featureMap() != null) {
            encoded.featureMap().attach(manager);
        }
        if (imagePositionCodes != null) {
            int perCamera = config.vlm().imageTokens();
            NDArray codes = HostArrays.of(manager, imagePositionCodes, new Shape(1, perCamera, hidden));
            imageTokens = imageTokens.add(codes.tile(new long[] {1, cameras, 1}));                             // (B, R, D)
        }
        NDArray ids = HostArrays.of(manager, flatten(prompts), new Shape(batch, promptWidth));
        NDArray text = vlm.language().embed(ids);                                               // (B, P, D)
        NDArray queryRows = actionQueries.expandDims(0).broadcast(batch, queries, hidden);      // (B, Q, D)
        NDArray sequence = NDArrays.concat(new NDList(text.get(new NDIndex(":, 0:1")), imageTokens,
                text.get(new NDIndex(":, 1:")), queryRows), 1);                                 // (B, T, D)

        int length = 1 + rawTokens + (promptWidth - 1) + queries;
        long[] mask = new long[batch * length];
        long[] positions = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long position = 0;
            for (int t = 0; t < length; t++) {
                boolean pad = t > rawTokens && t < 1 + rawTokens + (promptWidth - 1) && t - rawTokens >= promptLengths[b];
                mask[b * length + t] = pad ? 0 : 1;
                positions[b * length + t] = pad ? Math.max(position - 1, 0) : position++;
            }
        }
        Qwen2Output output = vlm.language().forwardEmbeddings(sequence,
                HostArrays.of(manager, mask, new Shape(batch, length)),
                HostArrays.of(manager, positions, new Shape(batch, length)), Qwen2Model.Outputs.HIDDEN_STATES);
        List<NDArray> perLayer = new ArrayList<>();
        NDIndex raw = new NDIndex(":, 1:{}", 1 + rawTokens);
        NDIndex aq = new NDIndex(":, {}:", length - queries);
        for (NDArray state : output.hiddenStates()) {
            perLayer.add(NDArrays.concat(new NDList(state.get(raw), state.get(aq)), 1));        // (B, R+Q, D)
        }
        return new Features(NDArrays.stack(new NDList(perLayer), 1), encoded.featureMap());     // (B, L+1, R+Q, D)
    }

    private int checkInputs(Shape images, long[][] prompts, int[] promptLengths) {
        int size = config.vlm().imageSize();
        Shape expected = new Shape(images.get(0), config.cameras(), 3, size, size);
        if (!images.equals(expected)) {
            throw new IllegalArgumentException("images must be (B, cameras, 3, S, S) = " + expected + ", got " + images);
        }
        int batch = Math.toIntExact(images.get(0));
        if (prompts.length != batch || promptLengths.length != batch) {
            throw new IllegalArgumentException(batch + " images but " + prompts.length + " prompts and "
                    + promptLengths.length + " prompt lengths");
        }
        for (int b = 0; b < batch; b++) {
            if (prompts[b].length != prompts[0].length || promptLengths[b] < 1 || promptLengths[b] > prompts[b].length) {
                throw new IllegalArgumentException("prompt " + b + " must be padded to " + prompts[0].length
                        + " ids with a length in 1.." + prompts[0].length);
            }
        }
        if (prompts[0].length > config.maxPromptTokens()) {
            throw new IllegalArgumentException("prompts of " + prompts[0].length + " tokens exceed max_prompt_tokens "
                    + config.maxPromptTokens());
        }
        return batch;
    }

    private static long[] flatten(long[][] rows) {
        long[] flat = new long[rows.length * rows[0].length];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
