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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InfoCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Vla4j.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(command.execute(args)), out.toString(), err.toString()};
    }

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
        String[] result = run("info", tinyFastVlm("ok", tensors -> { }).toString());
        assertEquals("0", result[0], result[1] + result[2]);
        assertTrue(result[1].contains("FastVLM (llava_qwen2): FastViTHD 128² → 4 image tokens → Qwen2 2 layers × 64"), result[1]);
        assertTrue(result[1].contains("all tensor names and shapes match"), result[1]);
        assertTrue(result[1].contains("I64=9"), "the BN step counters are I64 on disk: " + result[1]);
    }

    @Test
    void missingUnexpectedAndMisshapedTensorsAreListedByName() throws IOException {
        Path folder = tinyFastVlm("broken", tensors -> {
            tensors.remove("model.norm.weight");
            tensors.put("model.extra.weight", tensors.get("model.mm_projector.0.bias"));
            tensors.put("model.mm_projector.2.bias", tensors.get("model.mm_projector.0.weight"));
        });
        String[] result = run("info", folder.toString());
        assertEquals(String.valueOf(InfoCommand.MISMATCH), result[0], result[1] + result[2]);
        assertTrue(result[1].contains("1 missing:") && result[1].contains("model.norm.weight"), result[1]);
        assertTrue(result[1].contains("1 unexpected:") && result[1].contains("model.extra.weight"), result[1]);
        assertTrue(result[1].contains("1 mis-shaped:") && result[1].contains("model.mm_projector.2.bias (64, 256)"
                + " (expected (64))"), result[1]);
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
        String[] result = run("info", folder.toString());
        assertEquals("0", result[0]);
        assertTrue(result[1].contains(String.format("%,d", qwen.get("num_params_unique").asLong())), result[1]);
        assertTrue(result[1].contains("none (config only)"), result[1]);
    }

    @Test
    void aHeadFolderIsDescribed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("head"));
        ObjectNode config = BridgeAttentionConfig.fullSize(true).toJson();
        config.put("model_type", ModelInspector.HEAD_MODEL_TYPE);
        Files.writeString(folder.resolve("config.json"), config.toString());
        String[] result = run("info", folder.toString());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("VLA-Adapter head (Pro): 24 blocks × 896, 512 raw + 64 ActionQuery tokens"), result[1]);
        assertTrue(result[1].contains("217,864,223") && result[1].contains("811,776"), "upstream counts: " + result[1]);
    }

    @Test
    void unreadableFoldersFailWithAClearMessage() throws IOException {
        String[] empty = run("info", dir.toString());
        assertEquals(String.valueOf(InfoCommand.UNREADABLE), empty[0]);
        assertTrue(empty[2].contains("no config.json"), empty[2]);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt9\"}");
        String[] unknown = run("info", dir.toString());
        assertTrue(unknown[2].contains("unknown model_type 'gpt9'"), unknown[2]);
        Files.writeString(dir.resolve("config.json"), "{not json");
        assertTrue(run("info", dir.toString())[2].contains("not valid JSON"));
        Files.writeString(dir.resolve("config.json"), FastVlmConfig.tiny().toJson().toString());
        Files.writeString(dir.resolve("model.safetensors"), "garbage");
        String[] corrupt = run("info", dir.toString());
        assertEquals(String.valueOf(InfoCommand.UNREADABLE), corrupt[0]);
        assertTrue(corrupt[2].contains("model.safetensors"), corrupt[2]);
    }
}
