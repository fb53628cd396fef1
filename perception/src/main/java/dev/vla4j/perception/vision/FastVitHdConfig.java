package dev.vla4j.perception.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The shape of a FastViTHD encoder (apple/ml-fastvlm {@code mci.py}, spec {@code fastvlm.md} §3): per stage its
 * depth, width, MLP ratio, token mixer, whether a RepCPE precedes it and whether a PatchEmbed follows it.
 *
 * @param layers         blocks per stage, e.g. {@code [2,12,24,4,2]}
 * @param embedDims      channels per stage, e.g. {@code [96,192,384,768,1536]}
 * @param mlpRatios      ConvFFN hidden width / stage width, per stage
 * @param downsamples    {@code downsamples[i]}: a stride-2 PatchEmbed follows stage i (the last entry is unused,
 *                       as upstream; a PatchEmbed is also inserted wherever the width changes)
 * @param tokenMixers    per stage: RepMixer or attention
 * @param repCpe         per stage: a 7×7 RepCPE conditional positional encoding precedes it
 * @param headDim        channels per attention head (upstream MHSA default 32)
 * @param projectionDim  output width of the (unused by FastVLM) CLIP head {@code head.proj}
 * @param clsRatio       {@code conv_exp} widens the last stage by this factor (FastViTHD: 2)
 * @param inChannels     image channels (3)
 */
public record FastVitHdConfig(List<Integer> layers, List<Integer> embedDims, List<Double> mlpRatios,
                              List<Boolean> downsamples, List<TokenMixer> tokenMixers, List<Boolean> repCpe,
                              int headDim, int projectionDim, double clsRatio, int inChannels) {

    /** The token mixer of a stage. */
    public enum TokenMixer {
        REPMIXER, ATTENTION;

        /** Parses the upstream spelling ({@code "repmixer"}, {@code "attention"}). */
        public static TokenMixer parse(String name) {
            for (TokenMixer mixer : values()) {
                if (mixer.name().equalsIgnoreCase(name)) {
                    return mixer;
                }
            }
            throw new IllegalArgumentException("FastViTHD config: unknown token mixer '" + name
                    + "' (expected repmixer or attention)");
        }
    }

    /** PatchEmbed large kernel (7×7, stride 2, padding 3). */
    public static final int DOWNSAMPLE_KERNEL = 7;
    /** RepCPE and ConvFFN depthwise kernel size. */
    public static final int SPATIAL_KERNEL = 7;
    /** The 3×3 kernel of the stem, RepMixer, PatchEmbed's small branch and conv_exp. */
    public static final int SMALL_KERNEL = 3;
    /** Squeeze-excite reduction ratio of conv_exp (upstream {@code SEBlock(rd_ratio=0.0625)}). */
    public static final double SE_RATIO = 0.0625;
    /** BatchNorm and LayerNormChannel epsilon. */
    public static final float NORM_EPS = 1e-5f;
    /** BatchNorm momentum in PyTorch's convention: the batch statistics' weight in the running ones. */
    public static final float BN_MOMENTUM = 0.1f;

    public FastVitHdConfig {
        layers = List.copyOf(require("layers", layers));
        embedDims = List.copyOf(require("embed_dims", embedDims));
        mlpRatios = List.copyOf(require("mlp_ratios", mlpRatios));
        downsamples = List.copyOf(require("downsamples", downsamples));
        tokenMixers = List.copyOf(require("token_mixers", tokenMixers));
        repCpe = List.copyOf(require("pos_embs", repCpe));
        int stages = layers.size();
        if (stages == 0) {
            throw new IllegalArgumentException("FastViTHD config: layers is empty");
        }
        sameLength("embed_dims", embedDims, stages);
        sameLength("mlp_ratios", mlpRatios, stages);
        sameLength("downsamples", downsamples, stages);
        sameLength("token_mixers", tokenMixers, stages);
        sameLength("pos_embs", repCpe, stages);
        if (headDim <= 0) {
            throw new IllegalArgumentException("FastViTHD config: head_dim must be positive, got " + headDim);
        }
        for (int i = 0; i < stages; i++) {
            positive("layers[" + i + "]", layers.get(i));
            positive("embed_dims[" + i + "]", embedDims.get(i));
            if (!(mlpRatios.get(i) > 0) || (int) (embedDims.get(i) * mlpRatios.get(i)) <= 0) {
                throw new IllegalArgumentException("FastViTHD config: mlp_ratios[" + i + "] = " + mlpRatios.get(i)
                        + " gives no ConvFFN hidden channels for width " + embedDims.get(i));
            }
            if (tokenMixers.get(i) == TokenMixer.ATTENTION && embedDims.get(i) % headDim != 0) {
                throw new IllegalArgumentException("FastViTHD config: attention stage " + i + " has width "
                        + embedDims.get(i) + ", not a multiple of head_dim " + headDim);
            }
        }
        positive("projection_dim", projectionDim);
        positive("in_channels", inChannels);
        int last = embedDims.get(stages - 1);
        if (!(clsRatio > 0) || (int) (last * clsRatio) % last != 0) {
            throw new IllegalArgumentException("FastViTHD config: cls_ratio " + clsRatio + " must make conv_exp's "
                    + "width a positive multiple of the last stage width " + last + " (it is a grouped conv)");
        }
        if ((int) ((int) (last * clsRatio) * SE_RATIO) <= 0) {
            throw new IllegalArgumentException("FastViTHD config: conv_exp width " + (int) (last * clsRatio)
                    + " is too small for its squeeze-excite (ratio " + SE_RATIO + ")");
        }
    }

    /** The released FastViTHD ({@code mci.fastvithd}, FastVLM's {@code mobileclip_l_*} tower): 3072 output channels. */
    public static FastVitHdConfig fastVitHd() {
        return standard(List.of(2, 12, 24, 4, 2), List.of(96, 192, 384, 768, 1536), 768);
    }

    /** The tiny golden encoder: FastViTHD's structure with depths {@code [2,2,2,2,1]} and widths 8…128. */
    public static FastVitHdConfig tiny() {
        return standard(List.of(2, 2, 2, 2, 1), List.of(8, 16, 32, 64, 128), 32);
    }

    /** The encoder behind a FastVLM {@code mm_vision_tower} name; only the {@code mobileclip_l_<size>} family exists. */
    public static FastVitHdConfig forVisionTower(String towerName) {
        if (towerName == null || !towerName.startsWith("mobileclip_l")) {
            throw new IllegalArgumentException("unsupported vision tower '" + towerName
                    + "': only FastViTHD (mobileclip_l_<size>) is implemented");
        }
        return fastVitHd();
    }

    /**
     * Reads the upstream keyword arguments: {@code layers}, {@code embed_dims}, {@code mlp_ratios},
     * {@code downsamples}, {@code token_mixers} (required), and optionally {@code pos_embs} (default: a RepCPE
     * before every attention stage, as FastViTHD), {@code head_dim} (32), {@code projection_dim} (768),
     * {@code cls_ratio} (2.0) and {@code in_channels} (3). Unknown keys are ignored.
     */
    public static FastVitHdConfig fromJson(JsonNode json) {
        List<TokenMixer> mixers = list(json, "token_mixers", node -> TokenMixer.parse(node.asText()));
        List<Boolean> cpe = json.has("pos_embs")
                ? list(json, "pos_embs", node -> node.isBoolean() ? node.asBoolean() : !node.isNull())
                : mixers.stream().map(m -> m == TokenMixer.ATTENTION).toList();
        return new FastVitHdConfig(list(json, "layers", FastVitHdConfig::integer),
                list(json, "embed_dims", FastVitHdConfig::integer),
                list(json, "mlp_ratios", JsonNode::asDouble),
                list(json, "downsamples", JsonNode::asBoolean),
                mixers, cpe,
                json.path("head_dim").asInt(32), json.path("projection_dim").asInt(768),
                json.path("cls_ratio").asDouble(2.0), json.path("in_channels").asInt(3));
    }

    /** {@link #fromJson(JsonNode)} on JSON text. */
    public static FastVitHdConfig fromJson(String json) {
        try {
            return fromJson(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("FastViTHD config is not valid JSON", e);
        }
    }

    /** The upstream keyword arguments {@link #fromJson(JsonNode)} reads, so that a written config reads back equal. */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.set("layers", mapper.valueToTree(layers));
        json.set("embed_dims", mapper.valueToTree(embedDims));
        json.set("mlp_ratios", mapper.valueToTree(mlpRatios));
        json.set("downsamples", mapper.valueToTree(downsamples));
        json.set("token_mixers", mapper.valueToTree(tokenMixers.stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList()));
        json.set("pos_embs", mapper.valueToTree(repCpe));
        json.put("head_dim", headDim).put("projection_dim", projectionDim).put("cls_ratio", clsRatio)
                .put("in_channels", inChannels);
        return json;
    }

    /** This config with another CLIP projection width. */
    public FastVitHdConfig withProjectionDim(int dim) {
        return new FastVitHdConfig(layers, embedDims, mlpRatios, downsamples, tokenMixers, repCpe, headDim, dim,
                clsRatio, inChannels);
    }

    public int stages() {
        return layers.size();
    }

    /** ConvFFN hidden channels of stage i ({@code int(dim * mlp_ratio)} as upstream). */
    public int mlpHidden(int stage) {
        return (int) (embedDims.get(stage) * mlpRatios.get(stage));
    }

    /** Whether a PatchEmbed sits between stage i and i+1. */
    public boolean downsampleAfter(int stage) {
        return stage < stages() - 1 && (downsamples.get(stage) || !embedDims.get(stage).equals(embedDims.get(stage + 1)));
    }

    /** Channels of {@code conv_exp}'s output, i.e. of {@code image_embeddings} (FastViTHD: 3072). */
    public int outputChannels() {
        int last = embedDims.get(stages() - 1);
        return (int) (last * clsRatio);
    }

    /** Squeeze-excite bottleneck channels of conv_exp (FastViTHD: 192). */
    public int seChannels() {
        return (int) (outputChannels() * SE_RATIO);
    }

    /** Number of stride-2 halvings from the image to the output grid (FastViTHD: 6, i.e. /64). */
    public int halvings() {
        int halvings = 2;
        for (int i = 0; i < stages(); i++) {
            halvings += downsampleAfter(i) ? 1 : 0;
        }
        return halvings;
    }

    /** The stride (image pixels per feature cell) each stage runs at: 4 for the first, doubling after each downsample. */
    public List<Integer> stageStrides() {
        List<Integer> strides = new java.util.ArrayList<>();
        int stride = 4;
        for (int i = 0; i < stages(); i++) {
            strides.add(stride);
            stride *= downsampleAfter(i) ? 2 : 1;
        }
        return List.copyOf(strides);
    }

    /** Output grid side for an input side (each halving is a ceil-division by 2). */
    public int gridSide(int inputSide) {
        int side = inputSide;
        for (int i = 0; i < halvings(); i++) {
            side = (side + 1) / 2;
        }
        return side;
    }

    private static <T> List<T> require(String name, List<T> values) {
        if (values == null) {
            throw new IllegalArgumentException("FastViTHD config: " + name + " is missing");
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("FastViTHD config: " + name + " has a null entry: " + values);
        }
        return values;
    }

    private static void sameLength(String name, List<?> values, int stages) {
        if (values.size() != stages) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "FastViTHD config: %s has %d entries but layers has %d stages", name, values.size(), stages));
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("FastViTHD config: " + name + " must be positive, got " + value);
        }
    }

    private static FastVitHdConfig standard(List<Integer> layers, List<Integer> dims, int projectionDim) {
        List<TokenMixer> mixers = List.of(TokenMixer.REPMIXER, TokenMixer.REPMIXER, TokenMixer.REPMIXER,
                TokenMixer.ATTENTION, TokenMixer.ATTENTION);
        return new FastVitHdConfig(layers, dims, List.of(4.0, 4.0, 4.0, 4.0, 4.0),
                List.of(true, true, true, true, true), mixers, List.of(false, false, false, true, true),
                32, projectionDim, 2.0, 3);
    }

    private static int integer(JsonNode node) {
        if (!node.canConvertToInt() || node.asDouble() != node.asInt()) {
            throw new IllegalArgumentException("FastViTHD config: expected an integer, got " + node);
        }
        return node.asInt();
    }

    private static <T> List<T> list(JsonNode json, String key, Function<JsonNode, T> element) {
        JsonNode node = json.get(key);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("FastViTHD config: '" + key + "' must be a list, got " + node);
        }
        List<T> values = new ArrayList<>();
        node.forEach(item -> values.add(element.apply(item)));
        return values;
    }
}
