package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import java.util.List;
import java.util.Map;

/**
 * The train-time (unfolded) forms of FastViTHD's reparameterizable convolutions (spec §3.4), each with its forward
 * pass (BatchNorms in train or eval mode) and the fold that gives the released single kernel: the fold uses the
 * running statistics, so the folded kernel equals the train form in eval mode.
 */
final class TrainFormConvs {
    private TrainFormConvs() {}

    /**
     * MobileOne's conv part: the sum of k×k conv-BN branches, an optional 1×1 conv-BN "scale" branch and an optional
     * identity BatchNorm (only when Cin = Cout and stride 1). Folding pads the scale kernel to k×k and writes the
     * identity as a one-hot centre kernel.
     */
    record MobileOneBranches(String foldedName, List<ConvBn> convs, ConvBn scale, BatchNormParams skip,
                             int inChannels, int outChannels, int kernel, int stride, int groups) implements RepConv {
        MobileOneBranches {
            convs = List.copyOf(convs);
        }

        @Override
        public NDArray forward(NDArray x, boolean training) {
            NDArray sum = skip == null ? null : skip.apply(x, training);
            if (scale != null) {
                sum = add(sum, scale.forward(x, training));
            }
            for (ConvBn conv : convs) {
                sum = add(sum, conv.forward(x, training));
            }
            return sum;
        }

        @Override
        public ConvKernel fold() {
            NDArray weight = null;
            NDArray bias = null;
            for (ConvBn branch : scale == null ? convs : concat(convs, scale)) {
                NDArray[] folded = branch.fold(kernel);
                weight = add(weight, folded[0]);
                bias = add(bias, folded[1]);
            }
            if (skip != null) {
                NDArray identity = identityKernel(skip.gamma().getManager(), outChannels, inChannels / groups, kernel);
                weight = add(weight, identity.mul(skip.scale().reshape(-1, 1, 1, 1)));
                bias = add(bias, skip.shift());
            }
            return new ConvKernel(foldedName, weight, bias, stride, kernel / 2, groups);
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            if (skip != null) {
                skip.collectParameters(out);
            }
            convs.forEach(conv -> conv.collectParameters(out));
            if (scale != null) {
                scale.collectParameters(out);
            }
        }

        private static List<ConvBn> concat(List<ConvBn> convs, ConvBn scale) {
            return java.util.stream.Stream.concat(convs.stream(), java.util.stream.Stream.of(scale)).toList();
        }
    }

    /**
     * RepMixer's token mixer in training: {@code x + ls·(mixer(x) − norm(x))}, with {@code mixer} and {@code norm}
     * depthwise MobileOne convs. Folded: {@code W = I + ls·(W_mixer − W_norm)}, {@code b = ls·(b_mixer − b_norm)}.
     */
    record RepMixerBranches(String foldedName, MobileOneBranches mixer, MobileOneBranches norm, String layerScaleName,
                            NDArray layerScale) implements RepConv {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return x.add(mixer.forward(x, training).sub(norm.forward(x, training)).mul(layerScale)); // (B, C, H, W)
        }

        @Override
        public ConvKernel fold() {
            ConvKernel m = mixer.fold();
            ConvKernel n = norm.fold();
            int channels = mixer.outChannels();
            NDArray identity = identityKernel(layerScale.getManager(), channels, 1, mixer.kernel());
            NDArray weight = identity.add(m.weight().sub(n.weight()).mul(layerScale.expandDims(3)));
            NDArray bias = m.bias().sub(n.bias()).mul(layerScale.reshape(channels));
            return new ConvKernel(foldedName, weight, bias, 1, mixer.kernel() / 2, channels);
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            out.put(layerScaleName, layerScale);
            mixer.collectParameters(out);
            norm.collectParameters(out);
        }
    }

    /** RepCPE in training: {@code x + pe(x)} with a depthwise conv {@code pe}. Folded: {@code W = I + W_pe}. */
    record RepCpeBranches(String foldedName, ConvKernel pe) implements RepConv {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return x.add(pe.forward(x));
        }

        @Override
        public ConvKernel fold() {
            Shape shape = pe.weight().getShape();
            NDArray identity = identityKernel(pe.weight().getManager(), (int) shape.get(0),
                    (int) shape.get(1), (int) shape.get(2));
            return new ConvKernel(foldedName, identity.add(pe.weight()), pe.bias(), pe.stride(), pe.padding(),
                    pe.groups());
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            pe.collectParameters(out);
        }
    }

    /** PatchEmbed's large-kernel conv in training: a 7×7 conv-BN plus a 3×3 conv-BN, zero-padded to 7×7 when folded. */
    record LargeKernelBranches(String foldedName, ConvBn large, ConvBn small, int kernel) implements RepConv {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return large.forward(x, training).add(small.forward(x, training));
        }

        @Override
        public ConvKernel fold() {
            NDArray[] big = large.fold(kernel);
            NDArray[] little = small.fold(kernel);
            return new ConvKernel(foldedName, big[0].add(little[0]), big[1].add(little[1]), large.stride(),
                    large.padding(), large.groups());
        }

        @Override
        public void collectParameters(Map<String, NDArray> out) {
            large.collectParameters(out);
            small.collectParameters(out);
        }
    }

    /**
     * The kernel of an identity convolution: {@code [out, inPerGroup, k, k]} with a 1 at
     * {@code [o, o % inPerGroup, k/2, k/2]} (upstream MobileOne's {@code id_tensor}).
     */
    static NDArray identityKernel(NDManager manager, int out, int inPerGroup, int kernel) {
        float[] values = new float[out * inPerGroup * kernel * kernel];
        int centre = (kernel / 2) * kernel + kernel / 2;
        for (int o = 0; o < out; o++) {
            values[(o * inPerGroup + o % inPerGroup) * kernel * kernel + centre] = 1f;
        }
        return HostArrays.of(manager, values, new Shape(out, inPerGroup, kernel, kernel));
    }

    private static NDArray add(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }
}
