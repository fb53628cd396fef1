package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.vla4j.perception.engine.HostArrays;
import java.util.Map;

/**
 * FastViTHD's attention block: {@code x + ls1 ⊙ MHSA(LayerNormChannel(x))}, then {@code x + ls2 ⊙ ConvFFN(x)}.
 * MHSA works on the H·W pixels as row-major tokens, with heads of {@code headDim} channels, no qkv bias and no mask.
 */
record AttentionBlock(String name, NDArray normWeight, NDArray normBias, NDArray qkvWeight, NDArray projWeight,
                      NDArray projBias, ConvBlocks.ConvFfn ffn, NDArray layerScale1, NDArray layerScale2,
                      int headDim) implements Layer {

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        long tokens = shape.get(2) * shape.get(3);
        long heads = channels / headDim;
        // LayerNormChannel normalises each pixel over C: the same as a LayerNorm over the token layout's last axis.
        NDArray seq = x.reshape(batch, channels, tokens).transpose(0, 2, 1); // (B, N, C)
        NDArray normed = LayerNorm.layerNorm(seq, new Shape(channels), normWeight, normBias, FastVitHdConfig.NORM_EPS)
                .singletonOrThrow();
        NDArray qkv = Linear.linear(normed, qkvWeight).singletonOrThrow() // (B, N, 3C)
                .reshape(batch, tokens, 3, heads, headDim).transpose(2, 0, 3, 1, 4); // (3, B, heads, N, d)
        NDList parts = qkv.split(3, 0);
        NDArray query = parts.get(0).squeeze(0);
        NDArray q = query.mul(HostArrays.scalar(query, (float) (1.0 / Math.sqrt(headDim)))); // (B, heads, N, d)
        NDArray k = parts.get(1).squeeze(0);
        NDArray v = parts.get(2).squeeze(0);
        NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).softmax(3); // (B, heads, N, N)
        NDArray mixed = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, channels); // (B, N, C)
        NDArray projected = Linear.linear(mixed, projWeight, projBias).singletonOrThrow(); // (B, N, C)
        NDArray image = projected.transpose(0, 2, 1).reshape(shape); // (B, C, H, W)
        NDArray h = x.add(image.mul(layerScale1));
        return h.add(ffn.forward(h, training).mul(layerScale2));
    }

    @Override
    public void collectParameters(Map<String, NDArray> out) {
        out.put(name + "layer_scale_1", layerScale1);
        out.put(name + "layer_scale_2", layerScale2);
        out.put(name + "norm.weight", normWeight);
        out.put(name + "norm.bias", normBias);
        out.put(name + "token_mixer.qkv.weight", qkvWeight);
        out.put(name + "token_mixer.proj.weight", projWeight);
        out.put(name + "token_mixer.proj.bias", projBias);
        ffn.collectParameters(out);
    }

    @Override
    public AttentionBlock reparameterized() {
        return this;
    }
}
