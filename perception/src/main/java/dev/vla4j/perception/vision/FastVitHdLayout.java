package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.vision.ConvBlocks.ConvFfn;
import dev.vla4j.perception.vision.ConvBlocks.MobileOneBlock;
import dev.vla4j.perception.vision.ConvBlocks.PatchEmbed;
import dev.vla4j.perception.vision.ConvBlocks.RepCpe;
import dev.vla4j.perception.vision.ConvBlocks.RepMixerBlock;
import dev.vla4j.perception.vision.ConvBlocks.Sequence;
import dev.vla4j.perception.vision.ConvBlocks.SqueezeExcite;
import dev.vla4j.perception.vision.FastVitHdConfig.TokenMixer;
import dev.vla4j.perception.vision.TrainFormConvs.LargeKernelBranches;
import dev.vla4j.perception.vision.TrainFormConvs.MobileOneBranches;
import dev.vla4j.perception.vision.TrainFormConvs.RepCpeBranches;
import dev.vla4j.perception.vision.TrainFormConvs.RepMixerBranches;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that knows FastViTHD's upstream tensor names (apple/ml-fastvlm {@code mci.py} module paths under
 * the FastVLM checkpoint prefix) and builds the modules from them, in either form.
 */
final class FastVitHdLayout {
    /** Where FastVLM checkpoints keep the FastViT module: {@code LlavaQwen2Model.vision_tower.vision_tower.model}. */
    static final String PREFIX = "model.vision_tower.vision_tower.model.";
    static final String HEAD_PROJ = PREFIX + "head.proj";

    /** The built modules: the 3-block stem, the {@code network[i]} entries, conv_exp and the CLIP head. */
    record Modules(Sequence stem, List<Layer> network, MobileOneBlock convExp, NDArray headProj) {}

    private final FastVitHdConfig config;
    private final TensorSource source;
    private final boolean trainForm;

    private FastVitHdLayout(FastVitHdConfig config, TensorSource source, boolean trainForm) {
        this.config = config;
        this.source = source;
        this.trainForm = trainForm;
    }

    static Modules build(FastVitHdConfig config, TensorSource source, boolean trainForm) {
        return new FastVitHdLayout(config, source, trainForm).modules();
    }

    private Modules modules() {
        int width = config.embedDims().get(0);
        int in = config.inChannels();
        Sequence stem = new Sequence(List.of(
                mobileOne(PREFIX + "patch_embed.0.", in, width, 3, 2, 1, false, null),
                mobileOne(PREFIX + "patch_embed.1.", width, width, 3, 2, width, false, null),
                mobileOne(PREFIX + "patch_embed.2.", width, width, 1, 1, 1, false, null)));
        List<Layer> network = new ArrayList<>();
        for (int stage = 0; stage < config.stages(); stage++) {
            int dim = config.embedDims().get(stage);
            if (config.repCpe().get(stage)) {
                network.add(repCpe(PREFIX + "network." + network.size() + ".", dim));
            }
            network.add(stage(PREFIX + "network." + network.size() + ".", stage));
            if (config.downsampleAfter(stage)) {
                network.add(patchEmbed(PREFIX + "network." + network.size() + ".", dim,
                        config.embedDims().get(stage + 1)));
            }
        }
        int last = config.embedDims().get(config.stages() - 1);
        int out = config.outputChannels();
        String exp = PREFIX + "conv_exp.";
        SqueezeExcite se = new SqueezeExcite(
                kernel(exp + "se.reduce", out, config.seChannels(), 1, 1, 0, 1),
                kernel(exp + "se.expand", config.seChannels(), out, 1, 1, 0, 1));
        MobileOneBlock convExp = mobileOne(exp, last, out, 3, 1, last, true, se);
        NDArray headProj = source.take(HEAD_PROJ, new Shape(out, config.projectionDim()));
        return new Modules(stem, network, convExp, headProj);
    }

    private Sequence stage(String prefix, int stage) {
        int dim = config.embedDims().get(stage);
        List<Layer> blocks = new ArrayList<>();
        for (int b = 0; b < config.layers().get(stage); b++) {
            String name = prefix + b + ".";
            ConvFfn ffn = convFfn(name + "convffn.", dim, config.mlpHidden(stage));
            if (config.tokenMixers().get(stage) == TokenMixer.ATTENTION) {
                blocks.add(attention(name, dim, ffn));
            } else {
                blocks.add(new RepMixerBlock(repMixer(name + "token_mixer.", dim), ffn, name + "layer_scale",
                        source.take(name + "layer_scale", new Shape(dim, 1, 1))));
            }
        }
        return new Sequence(blocks);
    }

    private AttentionBlock attention(String name, int dim, ConvFfn ffn) {
        Shape vector = new Shape(dim);
        Shape scale = new Shape(dim, 1, 1);
        return new AttentionBlock(name,
                source.take(name + "norm.weight", vector), source.take(name + "norm.bias", vector),
                source.take(name + "token_mixer.qkv.weight", new Shape(3L * dim, dim)),
                source.take(name + "token_mixer.proj.weight", new Shape(dim, dim)),
                source.take(name + "token_mixer.proj.bias", vector), ffn,
                source.take(name + "layer_scale_1", scale), source.take(name + "layer_scale_2", scale),
                config.headDim());
    }

    private ConvFfn convFfn(String prefix, int dim, int hidden) {
        int k = FastVitHdConfig.SPATIAL_KERNEL;
        return new ConvFfn(convBn(prefix + "conv", dim, dim, k, 1, dim),
                kernel(prefix + "fc1", dim, hidden, 1, 1, 0, 1),
                kernel(prefix + "fc2", hidden, dim, 1, 1, 0, 1));
    }

    /** RepMixer's token mixer: depthwise 3×3; train form = identity + ls·(mixer − norm). */
    private RepConv repMixer(String prefix, int dim) {
        int k = FastVitHdConfig.SMALL_KERNEL;
        if (!trainForm) {
            return kernel(prefix + "reparam_conv", dim, dim, k, 1, k / 2, dim);
        }
        MobileOneBranches mixer = branches(prefix + "mixer.", dim, dim, k, 1, dim, 1, true);
        MobileOneBranches norm = branches(prefix + "norm.", dim, dim, k, 1, dim, 0, false);
        return new RepMixerBranches(prefix + "reparam_conv", mixer, norm, prefix + "layer_scale",
                source.take(prefix + "layer_scale", new Shape(dim, 1, 1)));
    }

    private RepCpe repCpe(String prefix, int dim) {
        int k = FastVitHdConfig.SPATIAL_KERNEL;
        if (!trainForm) {
            return new RepCpe(kernel(prefix + "reparam_conv", dim, dim, k, 1, k / 2, dim));
        }
        return new RepCpe(new RepCpeBranches(prefix + "reparam_conv", kernel(prefix + "pe", dim, dim, k, 1, k / 2, dim)));
    }

    private PatchEmbed patchEmbed(String prefix, int in, int out) {
        int k = FastVitHdConfig.DOWNSAMPLE_KERNEL;
        String large = prefix + "proj.0.";
        RepConv largeKernel = trainForm
                ? new LargeKernelBranches(large + "lkb_reparam", convBn(large + "lkb_origin", in, out, k, 2, in),
                        convBn(large + "small_conv", in, out, FastVitHdConfig.SMALL_KERNEL, 2, in), k)
                : kernel(large + "lkb_reparam", in, out, k, 2, k / 2, in);
        return new PatchEmbed(largeKernel, mobileOne(prefix + "proj.1.", out, out, 1, 1, 1, true, null));
    }

    /** A MobileOneBlock; the train form has one k×k conv-BN branch, a scale branch when asked and k > 1, and id-BN. */
    private MobileOneBlock mobileOne(String prefix, int in, int out, int k, int stride, int groups,
                                     boolean scaleBranch, SqueezeExcite se) {
        RepConv conv = trainForm
                ? branches(prefix, in, out, k, stride, groups, 1, scaleBranch)
                : kernel(prefix + "reparam_conv", in, out, k, stride, k / 2, groups);
        return new MobileOneBlock(conv, se);
    }

    private MobileOneBranches branches(String prefix, int in, int out, int k, int stride, int groups,
                                       int convBranches, boolean scaleBranch) {
        BatchNormParams skip = in == out && stride == 1 ? batchNorm(prefix + "rbr_skip", in) : null;
        List<ConvBn> convs = new ArrayList<>();
        for (int i = 0; i < convBranches; i++) {
            convs.add(convBn(prefix + "rbr_conv." + i, in, out, k, stride, groups));
        }
        ConvBn scale = scaleBranch && k > 1 ? convBn(prefix + "rbr_scale", in, out, 1, stride, groups) : null;
        return new MobileOneBranches(prefix + "reparam_conv", convs, scale, skip, in, out, k, stride, groups);
    }

    private ConvKernel kernel(String name, int in, int out, int k, int stride, int padding, int groups) {
        return new ConvKernel(name, source.take(name + ".weight", new Shape(out, in / groups, k, k)),
                source.take(name + ".bias", new Shape(out)), stride, padding, groups);
    }

    private ConvBn convBn(String name, int in, int out, int k, int stride, int groups) {
        return new ConvBn(name, source.take(name + ".conv.weight", new Shape(out, in / groups, k, k)),
                batchNorm(name + ".bn", out), stride, k / 2, groups);
    }

    private BatchNormParams batchNorm(String name, int channels) {
        Shape shape = new Shape(channels);
        return new BatchNormParams(name, source.take(name + ".weight", shape), source.take(name + ".bias", shape),
                source.take(name + ".running_mean", shape), source.take(name + ".running_var", shape),
                source.takeIfPresent(name + ".num_batches_tracked", new Shape()));
    }
}
