package dev.vla4j.perception.qwen;

import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.nn.LoraLinear;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream tensor names of HF {@code Qwen2ForCausalLM} and their shapes for a config.
 *
 * <p><b>The tied head.</b> {@link #expectedTensors} is the state-dict view: it always lists {@link #LM_HEAD},
 * as {@code state_dict()} does and as FastVLM's release stores it (291 names for Qwen2.5-0.5B). HF's
 * {@code save_pretrained} leaves the tied head out, so for a tied config {@link #requiredTensors} omits it, and
 * {@link #parameterCount} counts the shared matrix once.
 */
public final class Qwen2Names {
    public static final String EMBED_TOKENS = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    static final String INPUT_NORM = "input_layernorm.weight";
    static final String POST_ATTENTION_NORM = "post_attention_layernorm.weight";
    static final String Q_PROJ = "self_attn.q_proj";
    static final String K_PROJ = "self_attn.k_proj";
    static final String V_PROJ = "self_attn.v_proj";
    static final String O_PROJ = "self_attn.o_proj";
    static final String GATE_PROJ = "mlp.gate_proj";
    static final String UP_PROJ = "mlp.up_proj";
    static final String DOWN_PROJ = "mlp.down_proj";
    /** The Linear modules of a layer, in state-dict order: the ones LoRA adapts ("all-linear" without lm_head). */
    static final List<String> PROJECTIONS = List.of(Q_PROJ, K_PROJ, V_PROJ, O_PROJ, GATE_PROJ, UP_PROJ, DOWN_PROJ);

    /**
     * What PEFT puts before these names in a saved {@code adapter_model.safetensors} of a bare
     * {@code Qwen2ForCausalLM}; pass it as the prefix of {@link Qwen2Model#loadLora} to read such a file.
     */
    public static final String PEFT_PREFIX = "base_model.model.";

    private Qwen2Names() {}

    /** The prefix of decoder layer {@code index}'s tensors. */
    public static String layer(int index) {
        return "model.layers." + index + ".";
    }

    /** Every state-dict tensor (including {@link #LM_HEAD}, tied or not), by name, in upstream order. */
    public static Map<String, Shape> expectedTensors(Qwen2Config config) {
        long d = config.hiddenSize();
        long kv = config.keyValueDim();
        long ff = config.intermediateSize();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(EMBED_TOKENS, new Shape(config.vocabSize(), d));
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = layer(i);
            shapes.put(p + Q_PROJ + ".weight", new Shape(d, d));
            shapes.put(p + Q_PROJ + ".bias", new Shape(d));
            shapes.put(p + K_PROJ + ".weight", new Shape(kv, d));
            shapes.put(p + K_PROJ + ".bias", new Shape(kv));
            shapes.put(p + V_PROJ + ".weight", new Shape(kv, d));
            shapes.put(p + V_PROJ + ".bias", new Shape(kv));
            shapes.put(p + O_PROJ + ".weight", new Shape(d, d));
            shapes.put(p + GATE_PROJ + ".weight", new Shape(ff, d));
            shapes.put(p + UP_PROJ + ".weight", new Shape(ff, d));
            shapes.put(p + DOWN_PROJ + ".weight", new Shape(d, ff));
            shapes.put(p + INPUT_NORM, new Shape(d));
            shapes.put(p + POST_ATTENTION_NORM, new Shape(d));
        }
        shapes.put(FINAL_NORM, new Shape(d));
        shapes.put(LM_HEAD, new Shape(config.vocabSize(), d));
        return shapes;
    }

    /**
     * The LoRA adapter tensors of every projection ({@link #PROJECTIONS}, lm_head excluded) for rank {@code rank}, in
     * PEFT's naming without {@link #PEFT_PREFIX}: {@code model.layers.<i>.<module>.lora_A.weight} (r, in) and
     * {@code .lora_B.weight} (out, r).
     */
    public static Map<String, Shape> loraTensors(Qwen2Config config, int rank) {
        Map<String, Shape> base = expectedTensors(config);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            for (String module : PROJECTIONS) {
                String name = layer(i) + module;
                Shape weight = base.get(name + ".weight"); // (out, in)
                shapes.put(name + LoraLinear.LORA_A, new Shape(rank, weight.get(1)));
                shapes.put(name + LoraLinear.LORA_B, new Shape(weight.get(0), rank));
            }
        }
        return shapes;
    }

    /** The tensors a checkpoint must hold: {@link #expectedTensors} without {@link #LM_HEAD} when it is tied. */
    public static Map<String, Shape> requiredTensors(Qwen2Config config) {
        Map<String, Shape> shapes = expectedTensors(config);
        if (config.tieWordEmbeddings()) {
            shapes.remove(LM_HEAD);
        }
        return shapes;
    }

    /** Unique parameters: every tensor of {@link #requiredTensors} once (a tied head shares the embedding). */
    public static long parameterCount(Qwen2Config config) {
        return requiredTensors(config).values().stream().mapToLong(Shape::size).sum();
    }
}
