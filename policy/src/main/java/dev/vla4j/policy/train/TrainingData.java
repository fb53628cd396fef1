package dev.vla4j.policy.train;

import dev.vla4j.policy.ActionSpace;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.QuantileNormalizer;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.DatasetStats;
import dev.vla4j.policy.dataset.EpisodeInfo;
import dev.vla4j.policy.dataset.FeatureSpec;
import dev.vla4j.policy.dataset.FeatureStats;
import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.policy.dataset.StoredFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Behaviour-cloning samples from a LeRobot dataset: the observation at frame i (cameras, {@value #STATE}, task, and
 * {@value #ENVIRONMENT_STATE} where the dataset has it) and
 * the action chunk a[i .. i+H−1] from the same episode (past its end, the last action repeats). Actions and states
 * are read once at open without decoding images; images are decoded per sample.
 */
public final class TrainingData {
    public static final String STATE = "observation.state";
    public static final String ENVIRONMENT_STATE = "observation.environment_state";
    public static final String ACTION = "action";
    /**
     * Where each block kind is in the (first) camera image, (u, v, present) per kind with u, v in [-1, 1] (the
     * simulator's {@code TableEnv#blockImagePositions}): supervision for keypoint slots, never a policy input.
     */
    public static final String BLOCK_POSITIONS = "observation.block_positions";
    /**
     * Where the named block, its target and the aim are in the (first) camera image, (u, v) each (the simulator's
     * {@code TableEnv#goalImagePositions}): supervision for the first 3 conditioned keypoints, never a policy input.
     */
    public static final String GOAL_POSITIONS = "observation.goal_image_positions";
    public static final String IMAGE_PREFIX = "observation.images.";

    private final LeRobotDatasetReader reader;
    private final int horizon;
    private final List<String> imageFeatures = new ArrayList<>();
    private final float[][] actions;
    private final long[] episodeEnd;
    private final long[] instructionStart; // per frame: the first frame of its episode with its task
    private final boolean hasEnvironmentState;
    private final int blockKinds;
    private final boolean hasGoalPositions;

    /**
     * One training example: what the policy sees, the actions to imitate, and the recorded block image positions (u,
     * v, present per block kind) and goal image positions (u, v of the named block, target and aim), each empty when
     * the dataset has none, which only supervise.
     */
    public record Sample(Observation observation, float[][] actionChunk, float[] blockPositions, float[] goalPositions) {}

    private TrainingData(LeRobotDatasetReader reader, int horizon) throws IOException {
        this.reader = reader;
        this.horizon = horizon;
        for (FeatureSpec feature : reader.spec().features()) {
            if (feature.isImage()) {
                imageFeatures.add(feature.name());
            }
        }
        require(!imageFeatures.isEmpty(), "has no image feature");
        require(reader.spec().features().stream().anyMatch(f -> f.name().equals(STATE)), "has no '" + STATE + "' feature");
        require(reader.spec().features().stream().anyMatch(f -> f.name().equals(ACTION)), "has no '" + ACTION + "' feature");
        hasEnvironmentState = reader.spec().features().stream().anyMatch(f -> f.name().equals(ENVIRONMENT_STATE));
        blockKinds = reader.spec().features().stream().filter(f -> f.name().equals(BLOCK_POSITIONS)).findFirst()
                .map(f -> f.length() / 3).orElse(0);
        hasGoalPositions = reader.spec().features().stream().anyMatch(f -> f.name().equals(GOAL_POSITIONS));
        int frames = Math.toIntExact(reader.totalFrames());
        require(frames > 0, "has no frames");
        actions = new float[frames][];
        episodeEnd = new long[frames];
        instructionStart = new long[frames];
        for (EpisodeInfo episode : reader.episodes()) {
            long task = -1;
            for (long i = episode.fromIndex(); i < episode.toIndex(); i++) {
                StoredFrame stored = reader.numericFrame(i);
                actions[(int) i] = stored.frame().floats(ACTION);
                episodeEnd[(int) i] = episode.toIndex();
                instructionStart[(int) i] = stored.taskIndex() == task ? instructionStart[(int) i - 1] : i;
                task = stored.taskIndex();
            }
        }
    }

    /** Opens {@code dataset} for chunks of {@code horizon} actions; a dataset without images, state or actions is refused. */
    public static TrainingData open(Path dataset, int horizon) throws IOException {
        if (horizon <= 0) {
            throw new IllegalArgumentException("the action chunk must hold at least one action, got " + horizon);
        }
        return new TrainingData(LeRobotDatasetReader.open(dataset), horizon);
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("dataset " + reader.root() + " " + problem);
        }
    }

    public long size() {
        return actions.length;
    }

    public int actionDim() {
        return actions[0].length;
    }

    public int stateDim() {
        return reader.spec().features().stream().filter(f -> f.name().equals(STATE)).findFirst().orElseThrow().length();
    }

    /** Camera names (image features without the {@value #IMAGE_PREFIX} prefix), in declaration order. */
    public List<String> cameras() {
        return imageFeatures.stream().map(f -> f.startsWith(IMAGE_PREFIX) ? f.substring(IMAGE_PREFIX.length()) : f).toList();
    }

    /** {height, width} of each camera's frames, as the dataset declares them. */
    public List<int[]> imageSizes() {
        return reader.spec().features().stream().filter(FeatureSpec::isImage)
                .map(f -> new int[] {f.height(), f.width()}).toList();
    }

    public List<String> instructions() {
        return reader.tasks();
    }

    /** q01/q99 of the actions from {@code meta/stats.json}, every dimension normalized (no gripper). */
    public ActionSpace actionSpace() {
        return new ActionSpace(normalizer(ACTION), -1);
    }

    public QuantileNormalizer stateNormalizer() {
        return normalizer(STATE);
    }

    /** Whether the frames carry the simulator's privileged {@value #ENVIRONMENT_STATE}. */
    public boolean hasEnvironmentState() {
        return hasEnvironmentState;
    }

    /** Block kinds whose positions the frames carry ({@value #BLOCK_POSITIONS}; 0: none). */
    public int blockKinds() {
        return blockKinds;
    }

    /** Whether the frames carry {@value #GOAL_POSITIONS}. */
    public boolean hasGoalPositions() {
        return hasGoalPositions;
    }

    /** q01/q99 of {@value #ENVIRONMENT_STATE}; refused when the dataset has none. */
    public QuantileNormalizer environmentStateNormalizer() {
        require(hasEnvironmentState(), "has no '" + ENVIRONMENT_STATE + "' feature (record it with vla4j sim record)");
        return normalizer(ENVIRONMENT_STATE);
    }

    private QuantileNormalizer normalizer(String feature) {
        DatasetStats stats = reader.stats();
        FeatureStats values = stats.get(feature);
        float[] q01 = toFloats(values.q01());
        float[] q99 = toFloats(values.q99());
        return QuantileNormalizer.of(q01, q99);
    }

    public Sample sample(long index) throws IOException {
        return sample(index, false);
    }

    /**
     * Sample {@code index}; with {@code withInstructionStart} its observation also carries the frames at which its
     * instruction began in its episode ({@link Observation#instructionStart}, empty when that is this frame).
     */
    public Sample sample(long index, boolean withInstructionStart) throws IOException {
        StoredFrame stored = reader.frame(index);
        Map<String, RgbImage> images = images(stored);
        long start = instructionStart[(int) index];
        Map<String, RgbImage> startImages = withInstructionStart && start != index ? images(reader.frame(start)) : Map.of();
        float[][] chunk = new float[horizon][];
        for (int t = 0; t < horizon; t++) {
            long source = Math.min(index + t, episodeEnd[(int) index] - 1);
            chunk[t] = actions[(int) source].clone();
        }
        float[] environment = hasEnvironmentState ? stored.frame().floats(ENVIRONMENT_STATE) : new float[0];
        float[] blocks = blockKinds > 0 ? stored.frame().floats(BLOCK_POSITIONS) : new float[0];
        float[] goals = hasGoalPositions ? stored.frame().floats(GOAL_POSITIONS) : new float[0];
        return new Sample(new Observation(images, stored.frame().floats(STATE), stored.task(), environment, startImages),
                chunk, blocks, goals);
    }

    private Map<String, RgbImage> images(StoredFrame stored) {
        Map<String, RgbImage> images = new LinkedHashMap<>();
        List<String> cameras = cameras();
        for (int c = 0; c < cameras.size(); c++) {
            images.put(cameras.get(c), stored.frame().image(imageFeatures.get(c)));
        }
        return images;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
