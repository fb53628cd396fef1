package dev.vla4j.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.QuantileNormalizer;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.vla.KeypointReadout;
import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.PromptTokenizer;
import dev.vla4j.policy.vla.VlaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds training batches as plain arrays, a pure function of (seed, step): step s takes samples
 * {@code c = (s−1)·B .. s·B−1} of an endless sequence of epochs, epoch e being a permutation of the dataset drawn
 * from (seed, e), and augments sample b of step s from (seed, s, b). So resuming at step s reproduces the data
 * exactly. The next batch is prepared on a background thread while the current one trains.
 */
final class BatchLoader implements AutoCloseable {
    /**
     * One batch on the host: (B, cameras, 3, S, S) images in [0, 1], padded prompts, the head's (B, proprio) input,
     * (B, H, A) normalized targets, (B, E) normalized environment state for the auxiliary loss, and for keypoint slot
     * supervision (B, K, 2) block image positions with their (B, K) presence, (B, 3, 2) goal image positions for
     * the first conditioned keypoints, and with both the (B, K+1) one-hot of the named block's kind among the choices
     * of the first conditioned keypoint (all zero where no kind matches; each empty when off); for a
     * {@link VlaConfig#startKeypoints} model, the (B, cameras, 3, S, S) frames at which each sample's instruction began
     * (else empty).
     */
    record HostBatch(long step, float[] images, long[][] prompts, int[] lengths, float[] states, float[] targets,
                     float[] environment, float[] blocks, float[] present, float[] goals, float[] namedKinds,
                     float[] startImages) {
        /** The images as a (B, cameras, 3, S, S) array in {@code scope}. */
        NDArray images(NDManager scope, VlaConfig vla) {
            return imageArray(images, scope, vla);
        }

        /** The instruction's first frames as a (B, cameras, 3, S, S) array in {@code scope}; null when not loaded. */
        NDArray startImages(NDManager scope, VlaConfig vla) {
            return startImages.length == 0 ? null : imageArray(startImages, scope, vla);
        }

        private NDArray imageArray(float[] pixels, NDManager scope, VlaConfig vla) {
            int size = vla.vlm().imageSize();
            return HostArrays.of(scope, pixels, new Shape(lengths.length, vla.cameras(), 3, size, size));
        }

        /** The head's proprio input as a (B, proprio) array in {@code scope}. */
        NDArray states(NDManager scope) {
            return HostArrays.of(scope, states, new Shape(lengths.length, states.length / lengths.length));
        }

        /** The normalized environment state as a (B, E) array in {@code scope}. */
        NDArray environment(NDManager scope) {
            return HostArrays.of(scope, environment, new Shape(lengths.length, environment.length / lengths.length));
        }

        /** The block image positions (B, K, 2) in {@code scope}. */
        NDArray blocks(NDManager scope) {
            return HostArrays.of(scope, blocks, new Shape(lengths.length, present.length / lengths.length, 2));
        }

        /** The goal image positions (B, 3, 2) in {@code scope}. */
        NDArray goals(NDManager scope) {
            return HostArrays.of(scope, goals, new Shape(lengths.length, GOAL_POINTS, 2));
        }

        /** The named block's kind as a (B, K+1) one-hot over the selection's choices, in {@code scope}. */
        NDArray namedKinds(NDManager scope) {
            return HostArrays.of(scope, namedKinds, new Shape(lengths.length, namedKinds.length / lengths.length));
        }

        /** Which block kinds the scenes have (B, K), 1 or 0, in {@code scope}. */
        NDArray present(NDManager scope) {
            return HostArrays.of(scope, present, new Shape(lengths.length, present.length / lengths.length));
        }
    }

    private final TrainingData data;
    private final PolicyMetadata metadata;
    private final PromptTokenizer tokenizer;
    private final TrainConfig config;
    private final ImageAugmentation augmentation;
    private final QuantileNormalizer environment;
    /** Points of the goal image positions: the named block, its target, the aim. */
    static final int GOAL_POINTS = 3;
    /** Image units within which the goal's block position names a recorded block: far below a block's size. */
    static final double SAME_POINT = 1e-3;
    private final int blockKinds; // supervised block kinds; 0 when off
    private final boolean goals;  // whether the first conditioned keypoints learn the goal's image positions
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "vla4j-batches");
        thread.setDaemon(true);
        return thread;
    });
    private int[] permutation;
    private long permutationEpoch = -1;
    private Future<HostBatch> next;

    BatchLoader(TrainingData data, PolicyMetadata metadata, PromptTokenizer tokenizer, TrainConfig config) {
        this.data = data;
        this.metadata = metadata;
        this.tokenizer = tokenizer;
        this.config = config;
        this.augmentation = config.augment() ? ImageAugmentation.vlaAdapter().withCropArea(config.cropArea()) : null;
        this.environment = config.auxStateWeight() > 0 ? data.environmentStateNormalizer() : null;
        this.blockKinds = superviseSlots(config, data) ? data.blockKinds() : 0;
        this.goals = superviseGoals(config, data);
    }

    /**
     * Whether the first {@value #GOAL_POINTS} conditioned keypoints learn where the named block, its target and the aim
     * are: that many keypoints, the auxiliary loss and recorded goal image positions.
     */
    static boolean superviseGoals(TrainConfig config, TrainingData data) {
        return config.keypoints() >= GOAL_POINTS && config.auxStateWeight() > 0 && data.hasGoalPositions();
    }

    /** Whether keypoint slots learn block positions: slots, the auxiliary loss and recorded block positions. */
    static boolean superviseSlots(TrainConfig config, TrainingData data) {
        return config.keypointSlots() > 0 && config.auxStateWeight() > 0 && data.blockKinds() > 0;
    }

    /**
     * The kind of the named block: the present kind recorded at the goal's block position (the same projection of the
     * same point, so equal up to float rounding), or -1 when none is within {@value #SAME_POINT} image units.
     *
     * @param goalPositions  (u, v) of the named block, its target and the aim
     * @param blockPositions (u, v, present) per kind
     */
    static int namedKind(float[] goalPositions, float[] blockPositions) {
        int kind = -1;
        double nearest = SAME_POINT;
        for (int k = 0; k < blockPositions.length / 3; k++) {
            double distance = Math.hypot(blockPositions[3 * k] - goalPositions[0], blockPositions[3 * k + 1] - goalPositions[1]);
            if (blockPositions[3 * k + 2] > 0 && distance < nearest) {
                kind = k;
                nearest = distance;
            }
        }
        return kind;
    }

    /** The batch of {@code step}, and the next one queued in the background. */
    HostBatch batch(long step) {
        try {
            HostBatch batch = next != null ? next.get() : build(step);
            if (batch.step() != step) {
                batch = build(step);
            }
            next = prefetch.submit(() -> build(step + 1));
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading data", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("loading a batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    long epochOf(long step) {
        return (step - 1) * config.batchSize() / data.size();
    }

    private HostBatch build(long step) {
        int batch = config.batchSize();
        int size = metadata.config().vlm().imageSize();
        int cameras = metadata.cameras().size();
        int horizon = metadata.config().head().actionChunk();
        int actionDim = metadata.actionSpace().dim();
        int stateDim = metadata.config().proprioInputs();
        int environmentDim = environment == null ? 0 : environment.dim();
        int pixels = 3 * size * size;
        float[] images = new float[batch * cameras * pixels];
        boolean starts = metadata.config().startKeypoints();
        float[] startImages = new float[starts ? images.length : 0];
        long[][] prompts = new long[batch][];
        int[] lengths = new int[batch];
        float[] states = new float[batch * stateDim];
        float[] targets = new float[batch * horizon * actionDim];
        float[] environmentTargets = new float[batch * environmentDim];
        float[] blocks = new float[batch * blockKinds * 2];
        float[] present = new float[batch * blockKinds];
        float[] goalTargets = new float[goals ? batch * GOAL_POINTS * 2 : 0];
        int choices = goals && blockKinds > 0 ? KeypointReadout.choices(blockKinds) : 0;
        float[] namedKinds = new float[batch * choices];
        int width = 1;
        for (int b = 0; b < batch; b++) {
            TrainingData.Sample sample = sample(indexOf((step - 1) * batch + b), starts);
            Observation observation = sample.observation();
            SplittableRandom random = new SplittableRandom(mix(config.seed(), step, b));
            for (int c = 0; c < cameras; c++) {
                toChannelsFirst(augmented(observation.images(), c, random), images, (b * cameras + c) * pixels);
                if (starts) {
                    toChannelsFirst(augmented(observation.instructionStartOrNow(), c, random), startImages,
                            (b * cameras + c) * pixels);
                }
            }
            prompts[b] = tokenizer.encode(observation.instruction());
            lengths[b] = prompts[b].length;
            width = Math.max(width, lengths[b]);
            System.arraycopy(metadata.modelState(observation), 0, states, b * stateDim, stateDim);
            if (environment != null) {
                System.arraycopy(environment.normalize(observation.environmentState()), 0, environmentTargets,
                        b * environmentDim, environmentDim);
            }
            if (goals) {
                System.arraycopy(sample.goalPositions(), 0, goalTargets, b * GOAL_POINTS * 2, GOAL_POINTS * 2);
            }
            int named = choices > 0 ? namedKind(sample.goalPositions(), sample.blockPositions()) : -1;
            if (named >= 0) {
                namedKinds[b * choices + named] = 1;
            }
            for (int k = 0; k < blockKinds; k++) {
                float[] recorded = sample.blockPositions(); // (u, v, present) per kind
                blocks[(b * blockKinds + k) * 2] = recorded[3 * k];
                blocks[(b * blockKinds + k) * 2 + 1] = recorded[3 * k + 1];
                present[b * blockKinds + k] = recorded[3 * k + 2];
            }
            for (int t = 0; t < horizon; t++) {
                System.arraycopy(metadata.actionSpace().normalize(sample.actionChunk()[t]), 0, targets,
                        (b * horizon + t) * actionDim, actionDim);
            }
        }
        for (int b = 0; b < batch; b++) {
            prompts[b] = Arrays.copyOf(prompts[b], width);
        }
        return new HostBatch(step, images, prompts, lengths, states, targets, environmentTargets, blocks, present,
                goalTargets, namedKinds, startImages);
    }

    /** Camera {@code c}'s frame of {@code frames}, augmented with the next draws of {@code random} when on. */
    private RgbImage augmented(Map<String, RgbImage> frames, int c, SplittableRandom random) {
        RgbImage image = frames.get(metadata.cameras().get(c));
        return augmentation == null ? image : augmentation.apply(image, random);
    }

    private TrainingData.Sample sample(long index, boolean withInstructionStart) {
        try {
            return data.sample(index, withInstructionStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read frame " + index + " of the dataset: " + e.getMessage(), e);
        }
    }

    /** Sample c of the endless epoch sequence. */
    private synchronized long indexOf(long c) {
        long epoch = c / data.size();
        if (epoch != permutationEpoch) {
            int n = Math.toIntExact(data.size());
            permutation = new int[n];
            for (int i = 0; i < n; i++) {
                permutation[i] = i;
            }
            SplittableRandom random = new SplittableRandom(mix(config.seed(), epoch, -1));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            permutationEpoch = epoch;
        }
        return permutation[(int) (c % data.size())];
    }

    private static void toChannelsFirst(RgbImage image, float[] out, int offset) {
        int plane = image.width() * image.height();
        byte[] rgb = image.rgb();
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + p] = (rgb[p * 3 + c] & 0xFF) / 255f;
            }
        }
    }

    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }

    @Override
    public void close() {
        prefetch.shutdownNow();
    }

    /** The camera frames of a dataset must already have the model's input size. */
    static void requireImageSize(List<int[]> datasetSizes, int modelSize) {
        for (int[] size : datasetSizes) {
            if (size[0] != modelSize || size[1] != modelSize) {
                throw new IllegalArgumentException("the dataset's camera frames are " + size[1] + "x" + size[0]
                        + " but the model expects " + modelSize + "x" + modelSize + " (record with --image-size "
                        + modelSize + ")");
            }
        }
    }
}
