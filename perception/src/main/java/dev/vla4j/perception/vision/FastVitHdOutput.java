package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What one FastViTHD forward pass returns; every array belongs to the input image's manager.
 *
 * @param imageEmbeddings {@code conv_exp} output (B, C, H, W), C = {@link FastVitHdConfig#outputChannels()}
 * @param imageFeatures   the same as row-major tokens (B, H·W, C): token t is row t / W, column t % W — what the
 *                        FastVLM projector reads
 * @param clipEmbedding   the GlobalPool2D CLIP head (B, projection_dim): mean over H, W then {@code @ head.proj}
 *                        (unused by FastVLM)
 * @param stem            the stem output (B, C0, H/4, W/4), or null unless intermediates were asked for
 * @param network         the output of every {@code network[i]} entry (stages, PatchEmbeds, RepCPEs) in module
 *                        order, or empty unless intermediates were asked for
 */
public record FastVitHdOutput(NDArray imageEmbeddings, NDArray imageFeatures, NDArray clipEmbedding, NDArray stem,
                              List<NDArray> network) {
    public FastVitHdOutput {
        network = List.copyOf(network);
    }
}
