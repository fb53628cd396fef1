package dev.vla4j.policy.vla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spatial-softmax keypoints ({@link VlaConfig#keypoints}, {@link VlaConfig#keypointSlots}). Each keypoint is a query
 * vector over the channels of the vision tower's stride-{@value #STRIDE} feature map; a softmax over each camera's map
 * cells of the features' projection on the query's direction turns it into a distribution whose mean is an image
 * position in [-1, 1] (x to the right, y down, cell centres). The K conditioned keypoints' queries are a linear map
 * of the mean of the last LM layer's ActionQuery states, which have read the image and the instruction; the S slots' queries are learned constants. The positions
 * reach the head after the proprio vector, the path the robot's state takes, so that where things are arrives as
 * numbers rather than as a share of an attention average.
 *
 * <p>With both kinds, each conditioned keypoint is a choice among S + 1 candidates: the S slots' positions and its own
 * spatial-softmax position, weighted by a softmax of a linear map of the same instruction state. The slots learn to
 * find every block; the instruction then only has to pick the named one (grounding by selection), rather than to build
 * a detector for it.
 */
public final class KeypointReadout {
    public static final String WEIGHT = "keypoints.query.weight"; // (K·C, D)
    public static final String BIAS = "keypoints.query.bias";     // (K·C)
    public static final String SLOTS = "keypoints.slots.weight";  // (S, C)
    public static final String SELECT_WEIGHT = "keypoints.select.weight"; // (K·(S+1), D), with slots only
    public static final String SELECT_BIAS = "keypoints.select.bias";     // (K·(S+1))
    /** Image pixels per cell of the feature map the keypoints read. */
    public static final int STRIDE = 8;
    /**
     * Softmax scores are this times the projection of each cell's features on the query's direction. On unit-variance
     * features a random direction gives scores of spread {@value}: a distribution that is peaked but not one-hot at
     * the start, so positions move from the first step, rather than a flat one that needs the query to grow for
     * thousands of steps before it can point anywhere.
     */
    static final float SHARPNESS = 4;

    private final int keypoints;
    private final int slots;
    private final int channels;
    private final Map<String, NDArray> tensors;

    KeypointReadout(VlaConfig config, Map<String, NDArray> tensors) {
        this.keypoints = config.keypoints();
        this.slots = config.keypointSlots();
        this.channels = channels(config);
        Map<String, Shape> expected = expectedTensors(config);
        for (Map.Entry<String, Shape> entry : expected.entrySet()) {
            NDArray tensor = tensors.get(entry.getKey());
            if (tensor == null || !tensor.getShape().equals(entry.getValue())) {
                throw new IllegalArgumentException("keypoints need " + entry.getKey() + " " + entry.getValue() + ", got "
                        + (tensor == null ? "none" : tensor.getShape()));
            }
        }
        this.tensors = Map.copyOf(tensors);
    }

    /** The tensors for the config's keypoints and slots (empty when it has neither). */
    public static Map<String, Shape> expectedTensors(VlaConfig config) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        if (config.keypoints() > 0) {
            int rows = config.keypoints() * channels(config);
            shapes.put(WEIGHT, new Shape(rows, config.vlm().text().hiddenSize()));
            shapes.put(BIAS, new Shape(rows));
        }
        if (config.keypointSlots() > 0) {
            shapes.put(SLOTS, new Shape(config.keypointSlots(), channels(config)));
        }
        if (config.keypoints() > 0 && config.keypointSlots() > 0) {
            int choices = config.keypoints() * choices(config.keypointSlots());
            shapes.put(SELECT_WEIGHT, new Shape(choices, config.vlm().text().hiddenSize()));
            shapes.put(SELECT_BIAS, new Shape(choices));
        }
        return shapes;
    }

    /**
     * The first camera's keypoint positions (B, K+S, 2), conditioned ones first, out of {@link #positions}'
     * (B, cameras·(K+S)·2).
     */
    public static NDArray firstCamera(NDArray positions, VlaConfig config) {
        int perCamera = config.keypoints() + config.keypointSlots();
        return positions.reshape(positions.getShape().get(0), config.cameras(), perCamera, 2).get(new NDIndex(":, 0"));
    }

    /** Candidates of each conditioned keypoint's choice: the slots and its own position. */
    public static int choices(int slots) {
        return slots + 1;
    }

    /** Channels of the last vision stage at {@value #STRIDE}. */
    private static int channels(VlaConfig config) {
        List<Integer> strides = config.vlm().vision().stageStrides();
        return config.vlm().vision().embedDims().get(strides.lastIndexOf(STRIDE));
    }

    /**
     * Training-time supervision: the mean L1 between keypoint positions and where what they should find is in the
     * image, over the targets present (e.g. slot k and block kind k, when the scene has it).
     *
     * @param keypoints (B, N, 2) keypoint image positions (from {@link #firstCamera})
     * @param targets   (B, N, 2) target image positions, in the same [-1, 1] convention (anything where absent)
     * @param present   (B, N) 1 where the target exists, else 0
     */
    public static NDArray positionLoss(NDArray keypoints, NDArray targets, NDArray present) {
        NDArray errors = keypoints.sub(targets).abs().mul(present.expandDims(2));               // (B, N, 2)
        return errors.sum().div(present.sum().mul(2).maximum(1));
    }

    /** The trainable tensors by name. */
    public Map<String, NDArray> parameters() {
        return tensors;
    }

    /**
     * Keypoint image positions, camera by camera, the K conditioned keypoints then the S slots, x then y.
     *
     * @param maps        (B·cameras, C, H, W) feature maps, camera-major within each sample
     * @param instruction (B, D) the mean ActionQuery state of the last LM layer
     * @return (B, cameras·(K+S)·2)
     */
    NDArray positions(NDArray maps, NDArray instruction) {
        Shape shape = maps.getShape();
        long batch = instruction.getShape().get(0);
        long cameras = shape.get(0) / batch;
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        NDList parts = new NDList();
        if (keypoints > 0) {
            parts.add(instruction.matMul(tensors.get(WEIGHT).transpose()).add(tensors.get(BIAS))
                    .reshape(batch, 1, keypoints, channels)
                    .repeat(1, cameras)
                    .reshape(batch * cameras, keypoints, channels));                             // (B·cams, K, C)
        }
        if (slots > 0) {
            parts.add(tensors.get(SLOTS).expandDims(0).repeat(0, batch * cameras));             // (B·cams, S, C)
        }
        NDArray queries = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);        // (B·cams, K+S, C)
        NDArray directions = queries.div(queries.norm(new int[] {2}, true).add(1e-6f));           // unit queries
        NDArray cells = maps.reshape(batch * cameras, channels, (long) height * width);           // (B·cams, C, HW)
        NDArray scores = directions.matMul(cells).mul(SHARPNESS);                                 // (B·cams, K+S, HW)
        NDArray weights = scores.softmax(-1);
        NDManager manager = maps.getManager();
        NDArray grid = HostArrays.of(manager, cellCentres(height, width), new Shape(height * width, 2)); // (HW, 2)
        NDArray found = weights.matMul(grid);                                                      // (B·cams, K+S, 2)
        if (keypoints > 0 && slots > 0) {
            NDArray slotPositions = found.get(new NDIndex(":, {}:", keypoints));                  // (B·cams, S, 2)
            NDArray own = found.get(new NDIndex(":, :{}", keypoints));                            // (B·cams, K, 2)
            found = NDArrays.concat(new NDList(selected(own, slotPositions, instruction, cameras), slotPositions), 1);
        }
        return found.reshape(batch, cameras * (keypoints + slots) * 2);                          // (B, cams·(K+S)·2)
    }

    /**
     * The unnormalized scores of each conditioned keypoint's choice among the S slots and its own position, in that
     * order (a softmax over the last axis weighs the candidates); training supervises the named block's choice with
     * them.
     *
     * @param instruction (B, D) the mean ActionQuery state of the last LM layer
     * @return (B, K, S+1)
     */
    public NDArray choiceScores(NDArray instruction) {
        if (keypoints == 0 || slots == 0) {
            throw new IllegalStateException("choices need both conditioned keypoints and slots");
        }
        return instruction.matMul(tensors.get(SELECT_WEIGHT).transpose()).add(tensors.get(SELECT_BIAS))
                .reshape(instruction.getShape().get(0), keypoints, choices(slots));
    }

    /**
     * Each conditioned keypoint as the instruction's softmax choice among the slots' positions and its own.
     *
     * @param own           (B·cams, K, 2) the conditioned keypoints' spatial-softmax positions
     * @param slotPositions (B·cams, S, 2) the slots' positions
     * @return (B·cams, K, 2)
     */
    private NDArray selected(NDArray own, NDArray slotPositions, NDArray instruction, long cameras) {
        long batch = instruction.getShape().get(0);
        int choices = choices(slots);
        NDArray choice = choiceScores(instruction)
                .reshape(batch, 1, keypoints, choices)
                .repeat(1, cameras)
                .reshape(batch * cameras, keypoints, choices)
                .softmax(-1);                                                                      // (B·cams, K, S+1)
        NDArray candidates = NDArrays.concat(new NDList(slotPositions.expandDims(1).repeat(1, keypoints),
                own.expandDims(2)), 2);                                                            // (B·cams, K, S+1, 2)
        return candidates.mul(choice.expandDims(3)).sum(new int[] {2});
    }

    /** (x, y) of each cell's centre in [-1, 1], row-major: (H·W, 2) flattened. */
    private static float[] cellCentres(int height, int width) {
        float[] grid = new float[height * width * 2];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                grid[(r * width + c) * 2] = (c + 0.5f) / width * 2 - 1;
                grid[(r * width + c) * 2 + 1] = (r + 0.5f) / height * 2 - 1;
            }
        }
        return grid;
    }
}
