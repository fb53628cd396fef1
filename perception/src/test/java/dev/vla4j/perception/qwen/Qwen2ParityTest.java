package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.testkit.GoldenFile;
import dev.vla4j.testkit.Tolerance;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Parity with HF transformers v4.40.1 {@code Qwen2ForCausalLM} on {@code qwen2_tiny.safetensors}: every
 * dimension comes from the config stored in the file's {@code __metadata__}.
 */
class Qwen2ParityTest {

    @Test
    void allThreeCasesMatchHiddenStatesAndLogits() {
        try (GoldenFile golden = GoldenFile.open("qwen2_tiny.safetensors");
             NDManager manager = golden.manager().newSubManager()) {
            Qwen2Config config = Qwen2Config.fromJson(golden.metaJson("config"));
            Weights weights = TestWeights.fromGolden(golden);
            Qwen2Model model = Qwen2Model.load(config, weights);
            weights.requireAllUsed();

            NDArray ids = golden.get("input.input_ids").duplicate();
            ids.attach(manager);
            NDArray mask = golden.get("input.attention_mask");
            NDArray generationPositions = golden.get("input.position_ids_generation");

            check(golden, "nomask", model.forward(ids, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS),
                    null, config);
            check(golden, "mask_default_pos",
                    model.forward(ids, mask, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS), mask, config);
            check(golden, "mask_gen_pos",
                    model.forward(ids, mask, generationPositions, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS),
                    mask, config);
        }
    }

    /** Compares hidden states (L+1, B, T, D) and logits (B, T, V); masked cases only where the mask is 1. */
    private static void check(GoldenFile golden, String name, Qwen2Output out, NDArray mask, Qwen2Config config) {
        assertEquals(config.numHiddenLayers() + 1, out.hiddenStates().size(), "hidden state count");
        NDArray hidden = out.stackedHiddenStates();
        NDArray logits = out.logits();
        NDArray refHidden = golden.get(name + ".hidden_states");
        NDArray refLogits = golden.get(name + ".logits");
        if (mask != null) {
            NDArray valid = mask.toType(DataType.FLOAT32, false);                    // (B, T)
            NDArray rows = valid.expandDims(2);                                       // (B, T, 1)
            hidden = hidden.mul(rows.expandDims(0));
            refHidden = refHidden.mul(rows.expandDims(0));
            logits = logits.mul(rows);
            refLogits = refLogits.mul(rows);
        }
        Tolerance.assertClose(name + ".hidden_states", hidden, refHidden);
        Tolerance.assertClose(name + ".logits", logits, refLogits);
    }

    @Test
    void layerZeroIntermediatesAndRopeTablesMatch() {
        try (GoldenFile golden = GoldenFile.open("qwen2_tiny.safetensors");
             NDManager manager = golden.manager().newSubManager()) {
            Qwen2Config config = Qwen2Config.fromJson(golden.metaJson("config"));
            Qwen2Model model = Qwen2Model.load(config, TestWeights.fromGolden(golden));
            Qwen2DecoderLayer layer = model.layer(0);
            NDArray ids = golden.get("input.input_ids").duplicate();
            ids.attach(manager);
            int batch = Math.toIntExact(ids.getShape().get(0));
            int length = Math.toIntExact(ids.getShape().get(1));
            String p = "nomask.layer0.";

            long[] positions = LongStream.range(0, (long) batch * length).map(i -> i % length).toArray();
            NDList cosSin = new RotaryEmbedding(config.headDim(), config.ropeTheta())
                    .tables(manager, positions, batch, length);                       // (B, T, hd)
            Tolerance.assertClose("rope_cos", cosSin.get(0).get(0), golden.get("nomask.rope_cos"));
            Tolerance.assertClose("rope_sin", cosSin.get(1).get(0), golden.get("nomask.rope_sin"));

            NDArray embeds = model.embed(ids);
            NDArray normed = layer.inputNorm(embeds);
            Tolerance.assertClose(p + "input_layernorm", normed, golden.get(p + "input_layernorm"));
            NDList qkv = layer.projections(normed);
            Tolerance.assertClose(p + "q_proj", qkv.get(0), golden.get(p + "q_proj"));
            Tolerance.assertClose(p + "k_proj", qkv.get(1), golden.get(p + "k_proj"));
            Tolerance.assertClose(p + "v_proj", qkv.get(2), golden.get(p + "v_proj"));
            NDArray mask = CausalMask.build(manager, batch, length, 0, null);
            NDArray attention = layer.attention(qkv, cosSin.get(0), cosSin.get(1), mask, null, 0);
            Tolerance.assertClose(p + "self_attn", attention, golden.get(p + "self_attn"));
            NDArray postNorm = layer.postAttentionNorm(embeds.add(attention));
            Tolerance.assertClose(p + "post_attention_layernorm", postNorm, golden.get(p + "post_attention_layernorm"));
            Tolerance.assertClose(p + "mlp", layer.mlp(postNorm), golden.get(p + "mlp"));
        }
    }

    @Test
    void theGoldenConfigIsTheTinyPreset() {
        try (GoldenFile golden = GoldenFile.open("qwen2_tiny.safetensors")) {
            assertEquals(Qwen2Config.tiny(), Qwen2Config.fromJson(golden.metaJson("config")));
        }
    }
}
