package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;

/** FastViTHD's convolutional modules (spec §3.3), each holding its reparameterizable convs in either form. */
final class ConvBlocks {
    private ConvBlocks() {}

    /** MobileOneBlock: {@code GELU(SE?(conv(x)))}; the stem, PatchEmbed's 1×1 and conv_exp. {@code se} may be null. */
    record MobileOneBlock(RepConv conv, SqueezeExcite se) implements Layer {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            NDArray y = conv.forward(x, training);
            return VisionOps.gelu(se == null ? y : se.forward(y));
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            if (se != null) {
                se.collectParameters(out);
            }
            conv.collectParameters(out);
        }

        @Override
        public MobileOneBlock reparameterized() {
            return new MobileOneBlock(conv.fold(), se);
        }
    }

    /** Squeeze-excite: {@code x · sigmoid(expand(ReLU(reduce(mean_hw x))))}, per channel. */
    record SqueezeExcite(ConvKernel reduce, ConvKernel expand) {
        NDArray forward(NDArray x) {
            NDArray pooled = VisionOps.spatialMean(x).expandDims(2).expandDims(3); // (B, C, 1, 1)
            NDArray gate = Activation.sigmoid(expand.forward(Activation.relu(reduce.forward(pooled)))); // (B, C, 1, 1)
            return x.mul(gate);
        }

        void collectParameters(Map<String, NDArray> out) {
            reduce.collectParameters(out);
            expand.collectParameters(out);
        }
    }

    /** ConvFFN: depthwise 7×7 conv + BN → 1×1 (C→hidden) → GELU → 1×1 (hidden→C). */
    record ConvFfn(ConvBn conv, ConvKernel fc1, ConvKernel fc2) {
        NDArray forward(NDArray x, boolean training) {
            return fc2.forward(VisionOps.gelu(fc1.forward(conv.forward(x, training))));
        }

        void collectParameters(Map<String, NDArray> out) {
            conv.collectParameters(out);
            fc1.collectParameters(out);
            fc2.collectParameters(out);
        }
    }

    /**
     * RepMixerBlock: {@code x = mixer(x)} (no residual around it: the identity lives in the folded kernel), then
     * {@code x + layer_scale ⊙ ConvFFN(x)}.
     */
    record RepMixerBlock(RepConv tokenMixer, ConvFfn ffn, String layerScaleName, NDArray layerScale) implements Layer {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            NDArray mixed = tokenMixer.forward(x, training); // (B, C, H, W)
            return mixed.add(ffn.forward(mixed, training).mul(layerScale));
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            out.put(layerScaleName, layerScale);
            tokenMixer.collectParameters(out);
            ffn.collectParameters(out);
        }

        @Override
        public RepMixerBlock reparameterized() {
            return new RepMixerBlock(tokenMixer.fold(), ffn, layerScaleName, layerScale);
        }
    }

    /** PatchEmbed: {@code GELU(large-kernel 7×7 s2 grouped conv)} then a 1×1 MobileOneBlock; halves H and W. */
    record PatchEmbed(RepConv largeKernel, MobileOneBlock pointwise) implements Layer {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return pointwise.forward(VisionOps.gelu(largeKernel.forward(x, training)), training);
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            largeKernel.collectParameters(out);
            pointwise.collectParameters(out);
        }

        @Override
        public PatchEmbed reparameterized() {
            return new PatchEmbed(largeKernel.fold(), pointwise.reparameterized());
        }
    }

    /** RepCPE: a depthwise 7×7 conditional positional encoding, no activation. */
    record RepCpe(RepConv conv) implements Layer {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return conv.forward(x, training);
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            conv.collectParameters(out);
        }

        @Override
        public RepCpe reparameterized() {
            return new RepCpe(conv.fold());
        }
    }

    /** A sequence of modules run in order: the stem, or one stage's blocks. */
    record Sequence(List<Layer> layers) implements Layer {
        Sequence {
            layers = List.copyOf(layers);
        }

        @Override
        public NDArray forward(NDArray x, boolean training) {
            NDArray y = x;
            for (Layer layer : layers) {
                NDArray next = Layer.scoped(layer, y, training);
                if (y != x) {
                    y.close(); // a block's input is dead once its output exists
                }
                y = next;
            }
            return y;
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            layers.forEach(layer -> layer.collectParameters(out));
        }

        @Override
        public Sequence reparameterized() {
            return new Sequence(layers.stream().map(Layer::reparameterized).toList());
        }
    }
}
