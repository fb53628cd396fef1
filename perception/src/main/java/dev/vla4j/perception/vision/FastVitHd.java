package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.vision.FastVitHdLayout.Modules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FastViTHD image encoder of FastVLM (spec {@code fastvlm.md} §3): a conv stem (/4), RepMixer and attention
 * stages separated by stride-2 PatchEmbeds (/64 in all for FastViTHD), then {@code conv_exp} (grouped 3×3 C→2C with
 * squeeze-excite and GELU).
 *
 * <p>Two forms share one module graph: the <b>inference</b> form of released checkpoints (every reparameterizable
 * conv is a single kernel) and the <b>train</b> form (BatchNorm, scale and identity branches kept apart), which
 * {@link #reparameterize()} folds into the inference form with the released tensor names. As upstream, the train
 * form is the one to train ({@link #trainingForward}: BatchNorms in train mode) and the folded form the one to run.
 *
 * <p>Tensors are read by their FastVLM checkpoint names ({@code model.vision_tower.vision_tower.model.*}). The 0-d
 * I64 {@code num_batches_tracked} buffers of the BatchNorms are listed by {@link #expectedTensors} with shape
 * {@code []} (the map holds shapes only, not dtypes); loading takes them when present and does not require them,
 * since they do not enter the math (training counts its batches in them, as PyTorch).
 */
public final class FastVitHd {
    private final FastVitHdConfig config;
    private final Modules modules;
    private final boolean trainForm;

    private FastVitHd(FastVitHdConfig config, Modules modules, boolean trainForm) {
        this.config = config;
        this.modules = modules;
        this.trainForm = trainForm;
    }

    /**
     * Loads the inference (reparameterized) form, as released; refuses missing or mis-shaped tensors. Tensors it
     * does not use stay in {@code weights} (a FastVLM checkpoint also holds the LM): call
     * {@link Weights#requireAllUsed()} for a strict load.
     */
    public static FastVitHd load(FastVitHdConfig config, Weights weights) {
        return load(config, weights, false);
    }

    /** Loads the train-time form (unfolded branches); refuses missing or mis-shaped tensors. */
    public static FastVitHd loadTrainForm(FastVitHdConfig config, Weights weights) {
        return load(config, weights, true);
    }

    private static FastVitHd load(FastVitHdConfig config, Weights weights, boolean trainForm) {
        Modules modules = FastVitHdLayout.build(config, TensorSource.of(weights), trainForm);
        return new FastVitHd(config, modules, trainForm);
    }

    /** Upstream name → shape of every tensor of the inference form, computed from the config alone. */
    public static Map<String, Shape> expectedTensors(FastVitHdConfig config) {
        return recordedShapes(config, false);
    }

    /** Upstream name → shape of every tensor of the train-time form. */
    public static Map<String, Shape> expectedTrainFormTensors(FastVitHdConfig config) {
        return recordedShapes(config, true);
    }

    private static Map<String, Shape> recordedShapes(FastVitHdConfig config, boolean trainForm) {
        TensorSource.Recorder recorder = new TensorSource.Recorder();
        FastVitHdLayout.build(config, recorder, trainForm);
        return Collections.unmodifiableMap(recorder.shapes());
    }

    public FastVitHdConfig config() {
        return config;
    }

    public boolean isTrainForm() {
        return trainForm;
    }

    /**
     * The inference form of this model: every train-time branch folded into one kernel per conv (spec §3.4), named
     * as in released checkpoints. BatchNorms fold with their running statistics, so the result computes what this
     * model computes in eval mode; the ConvFFN BatchNorms and the attention blocks are shared, not copied. The folded
     * tensors belong to the manager of the weights they were folded from. Returns this model when it is already in
     * inference form.
     */
    public FastVitHd reparameterize() {
        if (!trainForm) {
            return this;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Modules folded = new Modules(modules.stem().reparameterized(),
                    modules.network().stream().map(Layer::reparameterized).toList(),
                    modules.convExp().reparameterized(), modules.headProj());
            FastVitHd model = new FastVitHd(config, folded, false);
            model.parameters().values().forEach(NDScope::unregister);
            return model;
        }
    }

    /** Every tensor by upstream checkpoint name (the form's own names), including the CLIP head. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        modules.stem().collectParameters(out);
        modules.network().forEach(layer -> layer.collectParameters(out));
        modules.convExp().collectParameters(out);
        out.put(FastVitHdLayout.HEAD_PROJ, modules.headProj());
        return out;
    }

    /** {@link #forward(NDArray, boolean)} without intermediates. */
    public FastVitHdOutput forward(NDArray images) {
        return forward(images, false);
    }

    /**
     * Encodes a batch of preprocessed images in eval mode (every BatchNorm uses its running statistics).
     *
     * @param images             (B, 3, H, W) float32, values as produced by {@link ImagePreprocessor} (FastVLM: [0,1])
     * @param keepIntermediates  also return the stem and every {@code network[i]} output
     * @throws IllegalArgumentException for a wrong rank, channel count or dtype, or a side smaller than the total
     *                                  stride (64 for FastViTHD)
     */
    public FastVitHdOutput forward(NDArray images, boolean keepIntermediates) {
        return run(images, keepIntermediates, false);
    }

    /**
     * {@link #forward(NDArray)} in PyTorch's train mode: every BatchNorm normalises with the batch's statistics and
     * updates its running mean and variance in place (momentum {@value FastVitHdConfig#BN_MOMENTUM}, unbiased
     * variance) and its {@code num_batches_tracked}. Differentiable under a {@code GradientCollector}.
     */
    public FastVitHdOutput trainingForward(NDArray images) {
        return run(images, false, true);
    }

    /** {@link #forward(NDArray, boolean)} in train mode (see {@link #trainingForward(NDArray)}). */
    public FastVitHdOutput trainingForward(NDArray images, boolean keepIntermediates) {
        return run(images, keepIntermediates, true);
    }

    private FastVitHdOutput run(NDArray images, boolean keepIntermediates, boolean training) {
        checkInput(images);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray stem = Layer.scoped(modules.stem(), images, training); // (B, C0, H/4, W/4)
            List<NDArray> network = new ArrayList<>();
            NDArray x = stem;
            for (Layer layer : modules.network()) {
                NDArray next = Layer.scoped(layer, x, training);
                if (keepIntermediates) {
                    network.add(next);
                } else {
                    x.close(); // free each stage's input as soon as its output exists
                }
                x = next;
            }
            NDArray embeddings = modules.convExp().forward(x, training); // (B, C, h, w)
            Shape shape = embeddings.getShape();
            NDArray features = embeddings.reshape(shape.get(0), shape.get(1), shape.get(2) * shape.get(3))
                    .transpose(0, 2, 1); // (B, h·w, C)
            NDArray clip = VisionOps.spatialMean(embeddings).matMul(modules.headProj()); // (B, projection_dim)
            FastVitHdOutput output = keepIntermediates
                    ? new FastVitHdOutput(embeddings, features, clip, stem, network)
                    : new FastVitHdOutput(embeddings, features, clip, null, List.of());
            NDScope.unregister(embeddings, features, clip);
            if (keepIntermediates) {
                NDScope.unregister(stem);
                network.forEach(NDScope::unregister);
            }
            return output;
        }
    }

    private void checkInput(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("FastViTHD expects images (B, " + config.inChannels()
                    + ", H, W), got rank " + shape.dimension() + " shape " + shape);
        }
        if (shape.get(1) != config.inChannels()) {
            throw new IllegalArgumentException("FastViTHD expects " + config.inChannels() + " channels on axis 1 "
                    + "(B, C, H, W), got shape " + shape);
        }
        if (images.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("FastViTHD expects float32 images, got " + images.getDataType());
        }
        long stride = 1L << config.halvings();
        if (shape.get(0) < 1 || shape.get(2) < stride || shape.get(3) < stride) {
            throw new IllegalArgumentException("FastViTHD needs a non-empty batch and images of at least " + stride
                    + "×" + stride + " pixels (its total stride; smaller inputs would be mostly padding), got " + shape);
        }
    }
}
