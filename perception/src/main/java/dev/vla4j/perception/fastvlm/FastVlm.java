package dev.vla4j.perception.fastvlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.qwen.GenerationConfig;
import dev.vla4j.perception.qwen.Qwen2Generator;
import dev.vla4j.perception.qwen.Qwen2Model;
import dev.vla4j.perception.qwen.Qwen2Output;
import dev.vla4j.perception.qwen.QwenPrompts;
import dev.vla4j.perception.vision.FastVitHd;
import dev.vla4j.perception.vision.FastVitHdConfig;
import dev.vla4j.perception.vision.FastVitHdOutput;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastVLM assembled: images → FastViTHD → projector → image tokens, spliced into the
 * text embeddings where the prompt's {@code <image>} sentinels ({@value QwenPrompts#IMAGE_TOKEN_INDEX}) stand, then
 * Qwen2. The tensor names are those of the released checkpoint, so {@code model.safetensors} loads as it is.
 */
public final class FastVlm {
    private final FastVlmConfig config;
    private final FastVitHd vision;
    private final MultimodalProjector projector;
    private final Qwen2Model language;

    private FastVlm(FastVlmConfig config, FastVitHd vision, MultimodalProjector projector, Qwen2Model language) {
        this.config = config;
        this.vision = vision;
        this.projector = projector;
        this.language = language;
    }

    /** Every tensor of the released layout: vision tower, projector, LM (with the tied {@code lm_head.weight}). */
    public static Map<String, Shape> expectedTensors(FastVlmConfig config) {
        return withVision(config, FastVitHd.expectedTensors(config.vision()));
    }

    /** {@link #expectedTensors} with the vision tower in its train-time form. */
    public static Map<String, Shape> expectedTrainFormTensors(FastVlmConfig config) {
        return withVision(config, FastVitHd.expectedTrainFormTensors(config.vision()));
    }

    private static Map<String, Shape> withVision(FastVlmConfig config, Map<String, Shape> vision) {
        Map<String, Shape> shapes = new LinkedHashMap<>(vision);
        shapes.putAll(MultimodalProjector.expectedTensors(config.vision().outputChannels(), config.text().hiddenSize()));
        shapes.putAll(Qwen2Model.expectedTensors(config.text()));
        return shapes;
    }

    /**
     * Loads the three parts from one set of weights, the vision tower in inference form as released; missing or
     * mis-shaped tensors fail by name. Call {@link Weights#requireAllUsed()} afterwards for a strict load.
     */
    public static FastVlm load(FastVlmConfig config, Weights weights) {
        return assemble(config, FastVitHd.load(config.vision(), weights), weights);
    }

    /** {@link #load} with the vision tower in its train-time form (see {@link FastVitHd#loadTrainForm}). */
    public static FastVlm loadTrainForm(FastVlmConfig config, Weights weights) {
        return assemble(config, FastVitHd.loadTrainForm(config.vision(), weights), weights);
    }

    private static FastVlm assemble(FastVlmConfig config, FastVitHd vision, Weights weights) {
        return new FastVlm(config, vision,
                MultimodalProjector.load(config.vision().outputChannels(), config.text().hiddenSize(), weights),
                Qwen2Model.load(config.text(), weights));
    }

    /**
     * This model with its vision tower folded into inference form ({@link FastVitHd#reparameterize()}; the projector
     * and the LM are shared); itself when the tower is already folded.
     */
    public FastVlm reparameterize() {
        return vision.isTrainForm() ? new FastVlm(config, vision.reparameterize(), projector, language) : this;
    }

    public FastVlmConfig config() {
        return config;
    }

    public FastVitHd vision() {
        return vision;
    }

    public Qwen2Model language() {
        return language;
    }

    /** Preprocessed images (K, 3, S, S) → image tokens (K, N, D) in the LM's embedding space (eval mode). */
    public NDArray encodeImages(NDArray images) {
        return encodeImages(images, false);
    }

    /**
     * {@link #encodeImages(NDArray)}; {@code training}: the vision tower runs in train mode
     * ({@link FastVitHd#trainingForward}: batch statistics, running statistics updated).
     */
    public NDArray encodeImages(NDArray images, boolean training) {
        return encodeImages(images, training, 0).tokens();
    }

    /**
     * Image tokens (K, N, D) and, for a {@code mapStride} above 0, the vision tower's last feature map at that stride
     * (K, C, S/stride, S/stride): the output of the last stage running at it (see {@link FastVitHdConfig#stageStrides}).
     */
    public record EncodedImages(NDArray tokens, NDArray featureMap) {}

    /** {@link #encodeImages(NDArray, boolean)}, also returning the feature map at {@code mapStride} (0: none, null). */
    public EncodedImages encodeImages(NDArray images, boolean training, int mapStride) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(2) != config.imageSize() || shape.get(3) != config.imageSize()) {
            throw new IllegalArgumentException("images must be (K, 3, " + config.imageSize() + ", "
                    + config.imageSize() + "), got " + shape);
        }
        if (mapStride != 0 && !config.vision().stageStrides().contains(mapStride)) {
            throw new IllegalArgumentException("no vision stage runs at stride " + mapStride + "; the stages run at "
                    + config.vision().stageStrides());
        }
        boolean keep = mapStride != 0;
        try (NDManager scope = images.getManager().newSubManager()) {
            FastVitHdOutput encoded = training ? vision.trainingForward(images, keep) : vision.forward(images, keep);
            encoded.imageEmbeddings().attach(scope);
            encoded.clipEmbedding().attach(scope);
            NDArray map = null;
            if (keep) {
                encoded.stem().attach(scope);
                long side = config.imageSize() / mapStride;
                for (NDArray entry : encoded.network()) {
                    entry.attach(scope);
                    map = entry.getShape().get(2) == side ? entry : map;
                }
                map.attach(images.getManager());
            }
            NDArray features = encoded.imageFeatures();   // (K, N, C)
            features.attach(scope);
            NDArray tokens = projector.forward(features); // (K, N, D)
            tokens.attach(images.getManager());
            return new EncodedImages(tokens, map);
        }
    }

    /**
     * The input embeddings (1, L, D) of a prompt whose ids hold one sentinel per image: text ids are embedded, and
     * each sentinel is replaced by that image's N token rows (so L = text tokens + K·N).
     *
     * @param imageTokens (K, N, D) from {@link #encodeImages}, one entry per sentinel in order
     */
    public NDArray embed(long[] ids, NDArray imageTokens) {
        int[] sentinels = QwenPrompts.imagePositions(ids);
        long images = imageTokens.getShape().get(0);
        if (sentinels.length != images) {
            throw new IllegalArgumentException("the prompt has " + sentinels.length + " <image> sentinel(s) but "
                    + images + " image(s) were given");
        }
        long length = ids.length - sentinels.length + images * imageTokens.getShape().get(1);
        if (length > config.maxSequenceLength()) {
            throw new IllegalArgumentException("the spliced prompt has " + length + " positions, more than "
                    + "tokenizer_model_max_length " + config.maxSequenceLength());
        }
        NDManager owner = imageTokens.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDList pieces = new NDList();
            int start = 0;
            for (int image = 0; image <= sentinels.length; image++) {
                int end = image < sentinels.length ? sentinels[image] : ids.length;
                if (end > start) {
                    long[] text = Arrays.copyOfRange(ids, start, end);
                    pieces.add(language.embed(HostArrays.of(scope, text, new Shape(1, text.length)))); // (1, t, D)
                }
                if (image < sentinels.length) {
                    pieces.add(imageTokens.get(image).expandDims(0));                       // (1, N, D)
                }
                start = end + 1;
            }
            NDArray spliced = NDArrays.concat(pieces, 1); // (1, L, D)
            spliced.attach(owner);
            return spliced;
        }
    }

    /** One forward over a prompt with images (K, 3, S, S); hidden states and, if asked, logits over all L positions. */
    public Qwen2Output forward(long[] ids, NDArray images, Qwen2Model.Outputs outputs) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray tokens = encodeImages(images);
            tokens.attach(scope);
            NDArray embeddings = embed(ids, tokens);
            embeddings.attach(scope);
            Qwen2Output output = language.forwardEmbeddings(embeddings, null, null, outputs);
            output.hiddenStates().forEach(h -> h.attach(images.getManager()));
            if (output.hasLogits()) {
                output.logits().attach(images.getManager());
            }
            return output;
        }
    }

    /** Answers a prompt about images (plain VLM use), with a KV cache. */
    public Qwen2Generator.Generation generate(long[] ids, NDArray images, GenerationConfig generation,
                                              Qwen2Generator.TokenListener listener) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray tokens = encodeImages(images);
            tokens.attach(scope);
            NDArray embeddings = embed(ids, tokens);
            embeddings.attach(scope);
            return new Qwen2Generator(language).generate(embeddings, generation, listener);
        }
    }

    /** Every tensor by upstream name (the tied LM head once, as {@code model.embed_tokens.weight}). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>(vision.parameters());
        parameters.putAll(projector.parameters());
        parameters.putAll(language.parameters());
        return parameters;
    }
}
