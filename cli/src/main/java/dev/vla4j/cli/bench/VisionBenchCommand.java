package dev.vla4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.vision.FastVitHd;
import dev.vla4j.perception.vision.FastVitHdConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j bench vision}: one FastViTHD forward (inference form) on a square RGB image. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = {"Time the FastViTHD image encoder of FastVLM (reparameterized inference form, 125 M parameters) "
                + "on one uniform [0,1) RGB image, up to the image features (1, (S/64)^2, 3072). Reference: "
                + "specs/refbench.md 'FastViTHD 512x512 / 1024x1024'.",
                "Defaults: --warmup 1, --reps 3, --calls-for-memory 5 (a call takes 0.8-7 s on 2 cores; "
                        + "both sizes at 1 and 2 threads take about 2-3 minutes)."},
        footer = {"", "Examples:", "  vla4j bench vision", "  vla4j bench vision --size 1024 --threads 2 --reps 5"})
final class VisionBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOptions options;

    @Option(names = "--size", split = ",", paramLabel = "S", splitSynopsisLabel = ",", defaultValue = "512,1024",
            description = "Image sides in pixels, in order (default: ${DEFAULT-VALUE}).")
    private List<Integer> sizes;

    @Override
    public Integer call() {
        BenchRunner.Settings settings = options.settings(spec.commandLine(), 1, 3, 5);
        FastVitHdConfig config = options.tiny ? FastVitHdConfig.tiny() : FastVitHdConfig.fastVitHd();
        int stride = 1 << config.halvings();
        for (int size : sizes) {
            if (size < stride) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--size: " + size
                        + " is smaller than FastViTHD's total stride " + stride);
            }
        }
        return BenchCommand.execute(spec, settings, (runner, err) -> measure(runner, err, config));
    }

    private void measure(BenchRunner runner, PrintWriter err, FastVitHdConfig config) {
        try (NDManager model = NDManager.newBaseManager()) {
            Map<String, Shape> shapes = FastVitHd.expectedTensors(config);
            BenchCommand.progress(err, "vision: %,d random tensors", shapes.size());
            FastVitHd encoder = FastVitHd.load(config, new Weights(BenchWeights.generate(model, shapes), "random weights"));
            for (int size : sizes) {
                NDArray image = model.randomUniform(0f, 1f, new Shape(1, config.inChannels(), size, size),
                        DataType.FLOAT32);                                               // (1, 3, S, S)
                runner.measure(new BenchCase("vision", "fastvithd", "image_size", size, options.tiny, model,
                        call -> {
                            image.tempAttach(call);
                            return encoder.forward(image).imageFeatures();             // (1, (S/64)², C)
                        }));
                image.close();
            }
        }
    }
}
