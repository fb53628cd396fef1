package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.bridge.BridgeAttentionConfig;
import dev.vla4j.perception.fastvlm.FastVlm;
import dev.vla4j.perception.fastvlm.FastVlmConfig;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.io.SafetensorsWriter;
import dev.vla4j.policy.inspect.ModelInspector;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;


    private Path tinyFastVlm(String name, java.util.function.Consumer<Map<String, NDArray>> edit) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        FastVlmConfig config = FastVlmConfig.tiny();
        Files.writeString(folder.resolve("config.json"), config.toJson().toPrettyString());
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>(FastVlm.load(config,
                    RandomWeights.of(FastVlm.expectedTensors(config), manager, 3, "random")).parameters());
            edit.accept(tensors);
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        }
        return folder;
    }

    @Test
    void aMatchingTinyFastVlmIsDescribedAndPasses() throws IOException {
        CliRun result = CliRun.of("info", tinyFastVlm("ok", tensors -> { }).toString());
        assertEquals(0, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("FastVLM (llava_qwen2): FastViTHD 128² → 4 image tokens → Qwen2 2 layers × 64"), result.out());
        assertTrue(result.out().contains("all tensor names and shapes match"), result.out());
        assertTrue(result.out().contains("I64=9"), "the BN step counters are I64 on disk: " + result.out());
    }

    @Test
    void missingUnexpectedAndMisshapedTensorsAreListedByName() throws IOException {
        Path folder = tinyFastVlm("broken", tensors -> {
            tensors.remove("model.norm.weight");
            tensors.put("model.extra.weight", tensors.get("model.mm_projector.0.bias"));
            tensors.put("model.mm_projector.2.bias", tensors.get("model.mm_projector.0.weight"));
        });
        CliRun result = CliRun.of("info", folder.toString());
        assertEquals(InfoCommand.MISMATCH, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("1 missing:") && result.out().contains("model.norm.weight"), result.out());
        assertTrue(result.out().contains("1 unexpected:") && result.out().contains("model.extra.weight"), result.out());
        assertTrue(result.out().contains("1 mis-shaped:") && result.out().contains("model.mm_projector.2.bias (64, 256)"
                + " (expected (64))"), result.out());
    }

    /** The released FastVLM-0.5B config alone: the full-size counts, from the golden name lists. */
    @Test
    void aConfigOnlyFullSizeFolderReportsTheReleasedParameterCounts() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fastvlm-0.5b"));
        Files.writeString(folder.resolve("config.json"), FastVlmConfig.fastVlm05b().toJson().toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode qwen = json.readTree(Golden.file("qwen2_0.5b_names.json").toFile());
        JsonNode vision = json.readTree(Golden.file("fastvithd_full_names.json").toFile());
        long visionParams = vision.get("num_elements").asLong() - vision.get("num_i64_num_batches_tracked").asLong();
        long projector = 3072L * 896 + 896 + 896L * 896 + 896;
        var report = ModelInspector.inspect(folder);
        assertEquals(visionParams + projector + qwen.get("num_params_unique").asLong(), report.parameters());
        CliRun result = CliRun.of("info", folder.toString());
        assertEquals(0, result.code());
        assertTrue(result.out().contains(String.format("%,d", qwen.get("num_params_unique").asLong())), result.out());
        assertTrue(result.out().contains("none (config only)"), result.out());
    }

    @Test
    void aHeadFolderIsDescribed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("head"));
        ObjectNode config = BridgeAttentionConfig.fullSize(true).toJson();
        config.put("model_type", ModelInspector.HEAD_MODEL_TYPE);
        Files.writeString(folder.resolve("config.json"), config.toString());
        CliRun result = CliRun.of("info", folder.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("VLA-Adapter head (Pro): 24 blocks × 896, 512 raw + 64 ActionQuery tokens"), result.out());
        assertTrue(result.out().contains("217,864,223") && result.out().contains("811,776"), "upstream counts: " + result.out());
    }

    @Test
    void unreadableFoldersFailWithAClearMessage() throws IOException {
        CliRun empty = CliRun.of("info", dir.toString());
        assertEquals(InfoCommand.UNREADABLE, empty.code());
        assertTrue(empty.err().contains("no config.json"), empty.err());
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt9\"}");
        CliRun unknown = CliRun.of("info", dir.toString());
        assertTrue(unknown.err().contains("unknown model_type 'gpt9'"), unknown.err());
        Files.writeString(dir.resolve("config.json"), "{not json");
        assertTrue(CliRun.of("info", dir.toString()).err().contains("not valid JSON"));
        Files.writeString(dir.resolve("config.json"), FastVlmConfig.tiny().toJson().toString());
        Files.writeString(dir.resolve("model.safetensors"), "garbage");
        CliRun corrupt = CliRun.of("info", dir.toString());
        assertEquals(InfoCommand.UNREADABLE, corrupt.code());
        assertTrue(corrupt.err().contains("model.safetensors"), corrupt.err());
    }
}
