package dev.vla4j.perception.fastvlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.vla4j.perception.io.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastVLM's {@code mlp2x_gelu} projector (specs/fastvlm.md §4): Linear(vision → LM), exact GELU, Linear(LM → LM),
 * stored as {@code model.mm_projector.0.*} and {@code .2.*}.
 */
public final class MultimodalProjector {
    public static final String PREFIX = "model.mm_projector.";

    private final NDArray inWeight;  // (D, C)
    private final NDArray inBias;    // (D)
    private final NDArray outWeight; // (D, D)
    private final NDArray outBias;   // (D)

    private MultimodalProjector(NDArray inWeight, NDArray inBias, NDArray outWeight, NDArray outBias) {
        this.inWeight = inWeight;
        this.inBias = inBias;
        this.outWeight = outWeight;
        this.outBias = outBias;
    }

    public static Map<String, Shape> expectedTensors(int visionChannels, int hiddenSize) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(PREFIX + "0.weight", new Shape(hiddenSize, visionChannels));
        shapes.put(PREFIX + "0.bias", new Shape(hiddenSize));
        shapes.put(PREFIX + "2.weight", new Shape(hiddenSize, hiddenSize));
        shapes.put(PREFIX + "2.bias", new Shape(hiddenSize));
        return shapes;
    }

    public static MultimodalProjector load(int visionChannels, int hiddenSize, Weights weights) {
        Map<String, Shape> shapes = expectedTensors(visionChannels, hiddenSize);
        return new MultimodalProjector(take(weights, shapes, "0.weight"), take(weights, shapes, "0.bias"),
                take(weights, shapes, "2.weight"), take(weights, shapes, "2.bias"));
    }

    private static NDArray take(Weights weights, Map<String, Shape> shapes, String suffix) {
        return weights.take(PREFIX + suffix, shapes.get(PREFIX + suffix));
    }

    /** (B, N, C) image features → (B, N, D) LM embeddings. */
    public NDArray forward(NDArray features) {
        NDArray hidden = Activation.gelu(Linear.linear(features, inWeight, inBias).singletonOrThrow()); // (B, N, D)
        return Linear.linear(hidden, outWeight, outBias).singletonOrThrow();                           // (B, N, D)
    }

    public Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        parameters.put(PREFIX + "0.weight", inWeight);
        parameters.put(PREFIX + "0.bias", inBias);
        parameters.put(PREFIX + "2.weight", outWeight);
        parameters.put(PREFIX + "2.bias", outBias);
        return parameters;
    }
}
