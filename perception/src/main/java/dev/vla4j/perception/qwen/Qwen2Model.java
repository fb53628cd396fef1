package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.perception.nn.LoraLinear;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The Qwen2 decoder-only language model (HF {@code Qwen2ForCausalLM}, eager attention) in float32.
 *
 * <p>Every forward returns all hidden states and, unless asked not to, the logits ({@link Qwen2Output}); the
 * results belong to the manager of the input array, and temporaries live in a sub-manager closed before
 * returning. Input validation happens in Java before any tensor work, with messages naming the bad input.
 *
 * <p><b>Training.</b> The forward is differentiable as it stands: give the parameters that train
 * {@code setRequiresGradient(true)} (all of {@link #parameters()}, or only {@link #loraParameters()} after
 * {@link #addLora} for LoRA with a frozen base) and run it under a {@code GradientCollector}. Closing the
 * temporaries' Java handles does not cut libtorch's autograd graph, which keeps what backward needs.
 *
 * <p>Positions must lie in {@code [0, max_position_embeddings)}: longer sequences are refused rather than
 * extrapolated. The sliding window of HF's config is not applied (it is off, or as long as the positions).
 */
public final class Qwen2Model {
    /** Which outputs a forward computes. The LM head is the largest matmul, so skip it when unused. */
    public enum Outputs { HIDDEN_STATES, HIDDEN_STATES_AND_LOGITS }

    private final Qwen2Config config;
    private final NDArray embedTokens;   // (V, D)
    private final List<Qwen2DecoderLayer> layers;
    private final NDArray finalNorm;     // (D)
    private final NDArray lmHead;        // (V, D): embedTokens itself when tied
    private final RotaryEmbedding rope;

    private Qwen2Model(Qwen2Config config, Weights weights, String prefix) {
        Map<String, Shape> shapes = Qwen2Names.expectedTensors(config);
        this.config = config;
        this.embedTokens = weights.take(prefix + Qwen2Names.EMBED_TOKENS, shapes.get(Qwen2Names.EMBED_TOKENS));
        List<Qwen2DecoderLayer> stack = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            stack.add(new Qwen2DecoderLayer(config, shapes, weights, prefix, i));
        }
        this.layers = List.copyOf(stack);
        this.finalNorm = weights.take(prefix + Qwen2Names.FINAL_NORM, shapes.get(Qwen2Names.FINAL_NORM));
        String head = prefix + Qwen2Names.LM_HEAD;
        if (!config.tieWordEmbeddings()) {
            this.lmHead = weights.take(head, shapes.get(Qwen2Names.LM_HEAD));
        } else {
            if (weights.has(head)) {
                weights.take(head, shapes.get(Qwen2Names.LM_HEAD)); // shape-checked, then unused: HF ties after loading
            }
            this.lmHead = embedTokens;
        }
        this.rope = new RotaryEmbedding(config.headDim(), config.ropeTheta());
    }

    /** Builds the model from upstream-named float32 tensors (see {@link Qwen2Names}); missing/mis-shaped fail. */
    public static Qwen2Model load(Qwen2Config config, Weights weights) {
        return load(config, weights, "");
    }

    /**
     * As {@link #load(Qwen2Config, Weights)} with every name preceded by {@code prefix} (for checkpoints that
     * nest the LLM, e.g. {@code "language_model."}). Tensors the model does not use are left for the caller's
     * {@link Weights#requireAllUsed()}, since multimodal checkpoints hold other models' tensors too.
     */
    public static Qwen2Model load(Qwen2Config config, Weights weights, String prefix) {
        return new Qwen2Model(config, weights, prefix);
    }

    /** See {@link Qwen2Names#expectedTensors}: the state-dict names, the tied {@code lm_head.weight} included. */
    public static Map<String, Shape> expectedTensors(Qwen2Config config) {
        return Qwen2Names.expectedTensors(config);
    }

    public Qwen2Config config() {
        return config;
    }

    /** Each distinct parameter tensor once, by upstream name: no {@code lm_head.weight} entry when tied. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> named = new LinkedHashMap<>();
        named.put(Qwen2Names.EMBED_TOKENS, embedTokens);
        for (int i = 0; i < layers.size(); i++) {
            String p = Qwen2Names.layer(i);
            layers.get(i).parameters().forEach((name, array) -> named.put(p + name, array));
        }
        named.put(Qwen2Names.FINAL_NORM, finalNorm);
        if (!config.tieWordEmbeddings()) {
            named.put(Qwen2Names.LM_HEAD, lmHead);
        }
        return named;
    }

    /**
     * Adds a fresh LoRA adapter to every projection of every layer (q, k, v, o, gate, up, down; not lm_head), in the
     * weights' manager: {@code lora_A} ~ N(0, (1/r)²) drawn layer by layer in that order from {@code new
     * Random(seed)}, {@code lora_B} = 0, so the outputs do not change until B is trained (PEFT's "gaussian" init).
     *
     * @throws IllegalStateException when the model already has adapters
     */
    public void addLora(LoraConfig lora, long seed) {
        requireNoLora();
        Random random = new Random(seed);
        forEachProjection((name, linear) -> linear.addAdapter(lora, random));
    }

    /** As {@link #loadLora(LoraConfig, Weights, String)} with no prefix. */
    public void loadLora(LoraConfig lora, Weights weights) {
        loadLora(lora, weights, "");
    }

    /**
     * Uses saved adapter tensors (kept, not copied), named as {@link #loraParameters()} names them after
     * {@code prefix} ({@link Qwen2Names#PEFT_PREFIX} for a PEFT {@code adapter_model.safetensors}); missing or
     * mis-shaped ones fail by name. Unused tensors are left for the caller's {@link Weights#requireAllUsed()}.
     *
     * @throws IllegalStateException when the model already has adapters
     */
    public void loadLora(LoraConfig lora, Weights weights, String prefix) {
        requireNoLora();
        Map<String, Shape> shapes = Qwen2Names.loraTensors(config, lora.rank());
        Map<String, NDArray> taken = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            NDArray tensor = weights.take(prefix + name, shape);
            if (tensor.getDataType() != DataType.FLOAT32) { // checked before any layer changes
                throw new IllegalArgumentException(weights.source() + ": LoRA tensor '" + prefix + name + "' is "
                        + tensor.getDataType() + ", expected float32");
            }
            taken.put(name, tensor);
        });
        forEachProjection((name, linear) -> linear.setAdapter(lora, taken.get(name + LoraLinear.LORA_A),
                taken.get(name + LoraLinear.LORA_B)));
    }

    public boolean hasLora() {
        return !loraParameters().isEmpty();
    }

    /**
     * The adapter tensors by name, {@code model.layers.<i>.<module>.lora_A.weight} (r, in) and {@code .lora_B.weight}
     * (out, r) as in {@link Qwen2Names#loraTensors}; empty without adapters. These are what LoRA training updates.
     */
    public Map<String, NDArray> loraParameters() {
        Map<String, NDArray> named = new LinkedHashMap<>();
        forEachProjection((name, linear) -> linear.putAdapter(name, named));
        return named;
    }

    /**
     * Folds every adapter into its base weight in place ({@code W += (α/r)·B·A}) and removes the adapters, so that
     * {@link #parameters()} is a plain Qwen2 under the upstream names again. Does nothing without adapters.
     */
    public void mergeLora() {
        forEachProjection((name, linear) -> linear.merge());
    }

    private void forEachProjection(BiConsumer<String, LoraLinear> action) {
        for (int i = 0; i < layers.size(); i++) {
            String p = Qwen2Names.layer(i);
            layers.get(i).projections().forEach((module, linear) -> action.accept(p + module, linear));
        }
    }

    private void requireNoLora() {
        if (hasLora()) {
            throw new IllegalStateException("the model already has LoRA adapters: merge them before adding others");
        }
    }

    /** An empty KV cache for {@link #forwardEmbeddings(NDArray, NDArray, NDArray, KvCache, Outputs)}. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(parent, config.numHiddenLayers());
    }

    /** Token embeddings: ids (B, T) of an integer type, each in {@code [0, vocab)} → (B, T, D) float32. */
    public NDArray embed(NDArray inputIds) {
        InputChecks.tokenIds(inputIds, config.vocabSize());
        return Embedding.embedding(inputIds, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * The forward of HF {@code Qwen2ForCausalLM} from token ids (B, T).
     *
     * @param attentionMask (B, T) 0/1 (1 = attend), or null for all ones
     * @param positionIds   (B, T), or null for {@code 0..T-1} (v4.40.1 does not derive them from the mask)
     */
    public Qwen2Output forward(NDArray inputIds, NDArray attentionMask, NDArray positionIds, Outputs outputs) {
        return forwardEmbeddings(embed(inputIds), attentionMask, positionIds, null, outputs);
    }

    /** The forward from input embeddings (B, T, D) float32, e.g. text embeddings with image rows spliced in. */
    public Qwen2Output forwardEmbeddings(NDArray inputEmbeds, NDArray attentionMask, NDArray positionIds,
                                         Outputs outputs) {
        return forwardEmbeddings(inputEmbeds, attentionMask, positionIds, null, outputs);
    }

    /**
     * The forward from input embeddings (B, T, D), continuing the sequences in {@code cache} (may be null).
     * With a cache of past length S0, {@code attentionMask} covers all S0 + T keys, default positions are
     * {@code S0..S0+T-1}, and the cache is extended by this call's keys and values.
     */
    public Qwen2Output forwardEmbeddings(NDArray inputEmbeds, NDArray attentionMask, NDArray positionIds,
                                         KvCache cache, Outputs outputs) {
        InputChecks.embeddings(inputEmbeds, config.hiddenSize());
        int batch = Math.toIntExact(inputEmbeds.getShape().get(0));
        int length = Math.toIntExact(inputEmbeds.getShape().get(1));
        int past = cache == null ? 0 : Math.toIntExact(cache.length());
        if (cache != null && cache.batchSize() >= 0 && cache.batchSize() != batch) {
            throw new IllegalArgumentException("input batch " + batch + " does not match the KV cache's batch "
                    + cache.batchSize());
        }
        long[] padding = InputChecks.attentionMask(attentionMask, batch, past + length);
        long[] positions = InputChecks.positions(positionIds, batch, length, past, config.maxPositionEmbeddings());

        NDManager caller = inputEmbeds.getManager();
        try (NDManager scope = caller.newSubManager()) {
            inputEmbeds.tempAttach(scope);
            NDList cosSin = rope.tables(scope, positions, batch, length);        // (B, T, hd) each
            NDArray mask = CausalMask.build(scope, batch, length, past, padding); // (B, 1, 1, T, S)
            List<NDArray> hidden = new ArrayList<>();
            hidden.add(inputEmbeds);
            NDArray x = inputEmbeds;                                              // (B, T, D)
            for (int i = 0; i < layers.size(); i++) {
                // each layer's temporaries (scores, MLP activations: ~170 MB at 626 tokens) die with the layer
                try (NDManager layerScope = scope.newSubManager()) {
                    x.tempAttach(layerScope);
                    NDArray y = layers.get(i).forward(x, cosSin.get(0), cosSin.get(1), mask, cache, i);
                    y.attach(scope);
                    x = y;
                }
                hidden.add(x);
            }
            x = Qwen2DecoderLayer.rmsNorm(x, finalNorm, (float) config.rmsNormEps());
            hidden.set(layers.size(), x);
            NDArray logits = outputs == Outputs.HIDDEN_STATES_AND_LOGITS ? logits(x) : null; // (B, T, V)
            if (cache != null) {
                cache.advance(batch, length);
            }
            for (NDArray h : hidden.subList(1, hidden.size())) {
                h.attach(caller);
            }
            if (logits != null) {
                logits.attach(caller);
            }
            return new Qwen2Output(hidden, logits);
        }
    }

    /** Decoder layer {@code index}, for tests of layer intermediates. */
    Qwen2DecoderLayer layer(int index) {
        return layers.get(index);
    }

    /** The LM head on final-normed hidden states (…, D) → logits (…, V), owned by the input's manager. */
    NDArray logits(NDArray normedHidden) {
        return Linear.linear(normedHidden, lmHead).singletonOrThrow();
    }

    /** Checks on forward inputs, done on Java copies of the (small) id, mask and position arrays. */
    private static final class InputChecks {
        private InputChecks() {}

        static void tokenIds(NDArray ids, int vocab) {
            requireIntegral("input_ids", ids);
            requireRank("input_ids", ids, 2, "(B, T)");
            long[] values = longs(ids);
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] >= vocab) {
                    throw new IllegalArgumentException("input_ids holds " + values[i] + " at flat index " + i
                            + ", outside the vocabulary [0, " + vocab + ")"
                            + (values[i] == QwenPrompts.IMAGE_TOKEN_INDEX
                            ? " (it is the <image> placeholder: splice image embeddings and use forwardEmbeddings)"
                            : ""));
                }
            }
        }

        static void embeddings(NDArray embeds, int hidden) {
            requireRank("input embeddings", embeds, 3, "(B, T, D)");
            if (embeds.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("input embeddings must be float32, got " + embeds.getDataType());
            }
            if (embeds.getShape().get(2) != hidden || embeds.getShape().get(1) == 0) {
                throw new IllegalArgumentException("input embeddings have shape " + embeds.getShape()
                        + "; expected (B, T>0, " + hidden + ")");
            }
        }

        /** The flattened (B, keys) mask, or null; every value must be 0 or 1. */
        static long[] attentionMask(NDArray mask, int batch, int keys) {
            if (mask == null) {
                return null;
            }
            requireShape("attention_mask", mask, new Shape(batch, keys),
                    "(batch " + batch + ", past + new positions " + keys + ")");
            requireIntegral("attention_mask", mask);
            long[] values = longs(mask);
            for (long v : values) {
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("attention_mask must hold only 0 and 1, found " + v);
                }
            }
            return values;
        }

        /** The flattened (B, T) positions: given, or past..past+T-1; all inside [0, maxPositions). */
        static long[] positions(NDArray positionIds, int batch, int length, int past, int maxPositions) {
            long[] values = new long[batch * length];
            if (positionIds == null) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = past + i % length;
                }
            } else {
                requireIntegral("position_ids", positionIds);
                requireShape("position_ids", positionIds, new Shape(batch, length), "the input's (B, T)");
                values = longs(positionIds);
            }
            for (long p : values) {
                if (p < 0 || p >= maxPositions) {
                    throw new IllegalArgumentException("position " + p + " is outside [0, max_position_embeddings="
                            + maxPositions + "): the sequence is too long for this model");
                }
            }
            return values;
        }

        private static long[] longs(NDArray array) {
            if (array.getDataType() == DataType.INT64) {
                return array.toLongArray();
            }
            int[] ints = array.toIntArray();
            long[] widened = new long[ints.length];
            for (int i = 0; i < ints.length; i++) {
                widened[i] = ints[i];
            }
            return widened;
        }

        private static void requireIntegral(String what, NDArray array) {
            DataType type = array.getDataType();
            if (type != DataType.INT64 && type != DataType.INT32) {
                throw new IllegalArgumentException(what + " must be int64 (or int32), got " + type);
            }
        }

        private static void requireRank(String what, NDArray array, int rank, String layout) {
            if (array.getShape().dimension() != rank) {
                throw new IllegalArgumentException(what + " has shape " + array.getShape() + "; expected " + layout);
            }
        }

        private static void requireShape(String what, NDArray array, Shape shape, String meaning) {
            if (!array.getShape().equals(shape)) {
                throw new IllegalArgumentException(what + " has shape " + array.getShape() + "; expected " + shape
                        + " " + meaning);
            }
        }
    }
}
