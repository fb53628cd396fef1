package dev.vla4j.policy.inspect;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.bridge.ActionHead;
import dev.vla4j.bridge.BridgeAttentionConfig;
import dev.vla4j.bridge.BridgeAttentionHead;
import dev.vla4j.bridge.ProprioProjector;
import dev.vla4j.perception.fastvlm.FastVlm;
import dev.vla4j.perception.fastvlm.FastVlmConfig;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.NameCheck;
import dev.vla4j.perception.io.SafetensorsCheckpoint;
import dev.vla4j.perception.io.TensorInfo;
import dev.vla4j.perception.qwen.Qwen2Config;
import dev.vla4j.perception.qwen.Qwen2Model;
import dev.vla4j.perception.qwen.Qwen2Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads a Hugging-Face-shaped model folder ({@code config.json} + {@code model.safetensors} or shards) and checks
 * its tensors against the architecture the config describes — without loading any weights.
 *
 * <p>Known {@code model_type}s: {@code llava_qwen2} (FastVLM), {@code qwen2} (the LM alone) and
 * {@code vla_adapter_head} (a Bridge Attention head with its proprio projector, vla4j's layout).
 */
public final class ModelInspector {
    public static final String CONFIG_FILE = "config.json";
    public static final String HEAD_MODEL_TYPE = "vla_adapter_head";
    private static final String BATCHES_TRACKED = "num_batches_tracked";

    private ModelInspector() {}

    /** The architecture's expected tensors, grouped into named components. */
    private record Architecture(String description, Map<String, Shape> expected,
                                Map<String, Predicate<String>> components, boolean tiedHead) {}

    public static ModelReport inspect(Path folder) {
        Path configFile = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder + ": no " + CONFIG_FILE + " (is this a model folder?)");
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(configFile.toFile());
        } catch (IOException e) {
            throw new CheckpointException(configFile + ": not valid JSON: " + e.getMessage(), e);
        }
        Architecture architecture = architecture(configFile, config);
        List<ModelReport.Component> components = architecture.components().entrySet().stream()
                .map(e -> component(e.getKey(), architecture, e.getValue())).toList();
        if (!hasWeights(folder)) {
            return new ModelReport(folder, architecture.description(), components, Map.of(), 0, null);
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            Map<String, Shape> actual = checkpoint.shapes();
            Map<String, Shape> expected = new LinkedHashMap<>(architecture.expected());
            if (architecture.tiedHead() && !actual.containsKey(Qwen2Names.LM_HEAD)) {
                expected.remove(Qwen2Names.LM_HEAD); // tied: HF files usually leave it out
            }
            Map<String, Long> byDtype = new TreeMap<>();
            long bytes = 0;
            for (String name : checkpoint.names()) {
                TensorInfo info = checkpoint.info(name);
                byDtype.merge(info.dtype().name(), 1L, Long::sum);
                bytes += info.byteLength();
            }
            return new ModelReport(folder, architecture.description(), components, byDtype, bytes,
                    NameCheck.compare(expected, actual));
        }
    }

    private static boolean hasWeights(Path folder) {
        return Files.isRegularFile(folder.resolve(SafetensorsCheckpoint.SINGLE_FILE))
                || Files.isRegularFile(folder.resolve(SafetensorsCheckpoint.INDEX_FILE));
    }

    private static Architecture architecture(Path configFile, JsonNode json) {
        String type = json.path("model_type").asText("");
        try {
            return switch (type) {
                case FastVlmConfig.MODEL_TYPE -> fastVlm(FastVlmConfig.fromJson(json));
                case "qwen2" -> qwen2(Qwen2Config.fromJson(json));
                case HEAD_MODEL_TYPE -> head(BridgeAttentionConfig.fromJson(json));
                default -> throw new CheckpointException(configFile + ": unknown model_type '" + type
                        + "' (known: " + FastVlmConfig.MODEL_TYPE + ", qwen2, " + HEAD_MODEL_TYPE + ")");
            };
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(configFile + ": " + e.getMessage(), e);
        }
    }

    private static Architecture fastVlm(FastVlmConfig config) {
        Map<String, Predicate<String>> parts = new LinkedHashMap<>();
        parts.put("vision tower (FastViTHD)", name -> name.startsWith("model.vision_tower."));
        parts.put("projector (mlp2x_gelu)", name -> name.startsWith("model.mm_projector."));
        parts.put("language model (Qwen2)", name -> !name.startsWith("model.vision_tower.")
                && !name.startsWith("model.mm_projector."));
        return new Architecture(String.format("FastVLM (%s): FastViTHD %d² → %d image tokens → Qwen2 %d layers × %d",
                FastVlmConfig.MODEL_TYPE, config.imageSize(), config.imageTokens(), config.text().numHiddenLayers(),
                config.text().hiddenSize()), FastVlm.expectedTensors(config), parts, config.text().tieWordEmbeddings());
    }

    private static Architecture qwen2(Qwen2Config config) {
        return new Architecture(String.format("Qwen2: %d layers × %d, %d/%d heads, vocab %d%s",
                config.numHiddenLayers(), config.hiddenSize(), config.numAttentionHeads(), config.numKeyValueHeads(),
                config.vocabSize(), config.tieWordEmbeddings() ? ", tied head" : ""),
                Qwen2Model.expectedTensors(config), Map.of("language model (Qwen2)", name -> true),
                config.tieWordEmbeddings());
    }

    private static Architecture head(BridgeAttentionConfig config) {
        Map<String, Shape> expected = new LinkedHashMap<>(ActionHead.expectedTensors(config));
        ProprioProjector.expectedTensors(config).forEach((name, shape) ->
                expected.put(BridgeAttentionHead.PROJECTOR_PREFIX + name, shape));
        Map<String, Predicate<String>> parts = new LinkedHashMap<>();
        parts.put("bridge attention head", name -> !name.startsWith(BridgeAttentionHead.PROJECTOR_PREFIX));
        parts.put("proprio projector", name -> name.startsWith(BridgeAttentionHead.PROJECTOR_PREFIX));
        return new Architecture(String.format("VLA-Adapter head (%s): %d blocks × %d, %d raw + %d ActionQuery tokens, "
                        + "chunk %d × %d", config.pro() ? "Pro" : "v1", config.numBlocks(), config.hiddenDim(),
                config.rawTokens(), config.numActionQueries(), config.actionChunk(), config.actionDim()),
                expected, parts, false);
    }

    /** Tensors and unique parameters of one component (no BN step counters, the tied head counted once). */
    private static ModelReport.Component component(String name, Architecture architecture, Predicate<String> member) {
        int tensors = 0;
        long parameters = 0;
        for (Map.Entry<String, Shape> entry : architecture.expected().entrySet()) {
            if (!member.test(entry.getKey())) {
                continue;
            }
            tensors++;
            boolean counter = entry.getKey().endsWith(BATCHES_TRACKED);
            boolean tiedCopy = architecture.tiedHead() && entry.getKey().equals(Qwen2Names.LM_HEAD);
            parameters += counter || tiedCopy ? 0 : entry.getValue().size();
        }
        return new ModelReport.Component(name, tensors, parameters);
    }
}
