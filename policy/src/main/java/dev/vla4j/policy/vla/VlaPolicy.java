package dev.vla4j.policy.vla;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.perception.qwen.QwenTokenizer;
import dev.vla4j.perception.vision.ImagePreprocessor;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained VLA as a {@link Policy}: camera frames are centre-cropped as trained ({@link PolicyMetadata#centerCrop})
 * and preprocessed for the vision tower, the instruction becomes
 * the prompt, the state is normalized with the dataset's q01/q99, and the head's normalized chunk is mapped back to
 * robot units. Batches run as one forward, with the vision tower folded into its inference form
 * ({@link VlaModel#reparameterize()}). Safe to call from several threads (each call turns grad mode off on its own
 * thread and works in its own sub-manager).
 */
public final class VlaPolicy implements Policy, AutoCloseable {
    private final NDManager manager;
    private final VlaModel model;
    private final PolicyMetadata metadata;
    private final PromptTokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    /** Start-frame keypoint positions by {@link #startKey}, the latest {@value #START_CACHE} (any thread). */
    private final Map<List<Object>, float[]> startCache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, float[]> eldest) {
                    return size() > START_CACHE;
                }
            });
    private static final int START_CACHE = 256;

    /**
     * A policy over {@code model}, folded if it is in train form (the folded tensors then belong to the manager of
     * the model's weights); {@code manager} is closed with the policy.
     */
    public VlaPolicy(NDManager manager, VlaModel model, PolicyMetadata metadata, PromptTokenizer tokenizer) {
        this.manager = manager;
        this.model = model.reparameterize();
        this.metadata = metadata;
        this.tokenizer = tokenizer;
        this.preprocessor = new ImagePreprocessor(model.config().vlm().imageSize());
    }

    /**
     * Loads a checkpoint folder ({@link VlaCheckpoint}), folding a train-form vision tower and freeing its unfolded
     * tensors; a Qwen-tokenized model reads {@code tokenizer.json} there.
     */
    public static VlaPolicy load(Path folder) {
        NDManager manager = Engine.getInstance().newBaseManager();
        try {
            VlaCheckpoint.Loaded loaded = VlaCheckpoint.load(folder, manager);
            PolicyMetadata metadata = loaded.metadata();
            PromptTokenizer tokenizer = metadata.vocabulary() != null ? new WordTokenizer(metadata.vocabulary())
                    : PromptTokenizer.qwen(QwenTokenizer.load(requireFile(folder.resolve("tokenizer.json"))));
            VlaModel folded = loaded.model().reparameterize();
            Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(folded.vlm().vision().parameters().values());
            loaded.model().vlm().vision().parameters().values().stream().filter(t -> !kept.contains(t))
                    .forEach(NDArray::close);
            return new VlaPolicy(manager, folded, metadata, tokenizer);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing: a Qwen-tokenized policy needs the LM's tokenizer.json");
        }
        return file;
    }

    public PolicyMetadata metadata() {
        return metadata;
    }

    public VlaModel model() {
        return model;
    }

    @Override
    public ActionChunk predictChunk(Observation observation) {
        return predictChunks(List.of(observation)).get(0);
    }

    @Override
    public List<ActionChunk> predictChunks(List<Observation> observations) {
        if (observations.isEmpty()) {
            return List.of();
        }
        JniUtils.setGradMode(false);
        int batch = observations.size();
        int stateDim = model.config().proprioInputs();
        try (NDManager call = manager.newSubManager()) {
            NDList images = new NDList();
            long[][] prompts = new long[batch][];
            int[] lengths = new int[batch];
            float[] states = new float[batch * stateDim];
            int width = 1;
            for (int b = 0; b < batch; b++) {
                Observation observation = observations.get(b);
                images.add(cameraStack(observation.images(), call));
                prompts[b] = tokenizer.encode(observation.instruction());
                lengths[b] = prompts[b].length;
                width = Math.max(width, lengths[b]);
                System.arraycopy(metadata.modelState(observation), 0, states, b * stateDim, stateDim);
            }
            for (int b = 0; b < batch; b++) {
                prompts[b] = Arrays.copyOf(prompts[b], width);
            }
            boolean kept = observations.stream().anyMatch(o -> !o.instructionStart().isEmpty());
            NDArray starts = model.config().startKeypoints() && kept
                    ? startPositions(observations, prompts, lengths, call) : null; // null: each is its own start
            NDArray actions = model.forward(NDArrays.stack(images), starts, prompts, lengths,
                    HostArrays.of(call, states, new Shape(batch, stateDim)));            // (B, H, A)
            return toChunks(actions.toFloatArray(), batch);
        }
    }

    /**
     * The keypoint positions (B, V) of each observation's instruction-start frames (its own frames when it has none),
     * from the cache when the same frames and instruction were seen before: a stream's start frames stay the same for
     * the whole instruction, so only its first query pays for them.
     */
    private NDArray startPositions(List<Observation> observations, long[][] prompts, int[] lengths, NDManager call) {
        int values = model.config().keypointValues();
        float[] positions = new float[observations.size() * values];
        List<Integer> missing = new ArrayList<>();
        for (int b = 0; b < observations.size(); b++) {
            float[] known = startCache.get(startKey(observations.get(b)));
            if (known == null) {
                missing.add(b);
            } else {
                System.arraycopy(known, 0, positions, b * values, values);
            }
        }
        if (!missing.isEmpty()) {
            NDList frames = new NDList();
            missing.forEach(b -> frames.add(cameraStack(observations.get(b).instructionStartOrNow(), call)));
            long[][] missingPrompts = missing.stream().map(b -> prompts[b]).toArray(long[][]::new);
            int[] missingLengths = missing.stream().mapToInt(b -> lengths[b]).toArray();
            float[] found = model.keypointPositions(NDArrays.stack(frames), missingPrompts, missingLengths).toFloatArray();
            for (int m = 0; m < missing.size(); m++) {
                float[] one = Arrays.copyOfRange(found, m * values, (m + 1) * values);
                startCache.put(startKey(observations.get(missing.get(m))), one);
                System.arraycopy(one, 0, positions, missing.get(m) * values, values);
            }
        }
        return HostArrays.of(call, positions, new Shape(observations.size(), values));
    }

    /** What start positions depend on: the instruction and the frames it began with. */
    private static List<Object> startKey(Observation observation) {
        return List.of(observation.instruction(), List.copyOf(observation.instructionStartOrNow().entrySet()));
    }

    /** (cameras, 3, S, S) for one observation's frames, cameras in the trained order. */
    private NDArray cameraStack(Map<String, RgbImage> images, NDManager call) {
        NDList frames = new NDList();
        for (String camera : metadata.cameras()) {
            RgbImage image = images.get(camera);
            if (image == null) {
                throw new IllegalArgumentException("the observation has no image from camera '" + camera + "' (it has "
                        + images.keySet() + ")");
            }
            RgbImage seen = image.centerCrop(metadata.centerCrop());
            frames.add(preprocessor.process(seen.rgb(), seen.width(), seen.height(), call).squeeze(0));
        }
        return NDArrays.stack(frames);
    }

    private List<ActionChunk> toChunks(float[] flat, int batch) {
        int horizon = model.config().head().actionChunk();
        int dim = model.config().head().actionDim();
        List<ActionChunk> chunks = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[][] actions = new float[horizon][];
            for (int t = 0; t < horizon; t++) {
                actions[t] = metadata.actionSpace().toRobot(
                        Arrays.copyOfRange(flat, (b * horizon + t) * dim, (b * horizon + t + 1) * dim));
            }
            chunks.add(new ActionChunk(actions));
        }
        return chunks;
    }

    @Override
    public void close() {
        manager.close();
    }
}
