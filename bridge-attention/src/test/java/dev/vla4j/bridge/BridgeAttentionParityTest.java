package dev.vla4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import dev.vla4j.testkit.GoldenFile;
import dev.vla4j.testkit.Tolerance;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden parity with upstream {@code L1RegressionActionHead.predict_action} + {@code ProprioProjector}
 * (golden/README.md §1): every intermediate and the action chunk within 1e-4 + 1e-4·|ref|. All sizes come from
 * the file's {@code __metadata__}.
 */
class BridgeAttentionParityTest {

    /** The head config recorded by the generator. */
    static BridgeAttentionConfig configOf(GoldenFile golden) {
        return new BridgeAttentionConfig(golden.metaInt("hidden_dim"), golden.metaInt("input_dim"),
                golden.metaInt("num_blocks"), golden.metaInt("num_heads"), golden.metaInt("NUM_ACTIONS_CHUNK"),
                golden.metaInt("ACTION_DIM"), golden.metaInt("PROPRIO_DIM"),
                golden.metaInt("num_action_query_tokens"), golden.metaInt("num_task_tokens"),
                Boolean.parseBoolean(golden.meta("use_pro_version")));
    }

    static BridgeAttentionHead headOf(GoldenFile golden) {
        return BridgeAttentionHead.load(configOf(golden), golden.withPrefix("model."), HeadWeights.stripPrefix(golden.withPrefix("proprio_projector."), "proprio_projector."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bridge_attention_pro.safetensors", "bridge_attention_v1.safetensors"})
    void everyIntermediateAndTheActionsMatchUpstream(String file) {
        try (GoldenFile golden = GoldenFile.open(file)) {
            BridgeAttentionHead head = headOf(golden);
            assertEquals(golden.meta("variant").equals("pro"), head.config().pro(), "variant vs use_pro_version");
            Set<String> compared = new TreeSet<>();
            NDArray actions = head.predict(golden.get("input.multi_layer_hidden_states"), golden.get("input.proprio"),
                    (name, activation) -> {
                        Tolerance.assertClose(file + " " + name, activation, golden.get("intermediate." + name));
                        compared.add("intermediate." + name);
                    });
            Tolerance.assertClose(file + " actions", actions, golden.get("output.actions"));
            assertEquals(golden.withPrefix("intermediate.").keySet(), compared, "intermediates compared");
        }
    }
}
