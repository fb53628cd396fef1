package dev.vla4j.cli;

import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.policy.inspect.ModelInspector;
import dev.vla4j.policy.inspect.ModelReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Describes a model folder and checks its weights' names and shapes against its config, loading nothing. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Architecture, parameter counts, dtypes on disk, and the name/shape check (missing, unexpected "
                + "and mis-shaped tensors) of a model folder: config.json + model.safetensors (or shards). "
                + "Exit 0 when everything matches (or there are no weights), 1 on a mismatch, 2 when unreadable.",
        footer = {"", "Examples:", "  vla4j info ~/models/FastVLM-0.5B", "  vla4j info --names 50 runs/small/checkpoints/last"})
final class InfoCommand implements Callable<Integer> {
    static final int MISMATCH = 1;
    static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_DIR", description = "A folder with config.json and safetensors weights.")
    private Path folder;

    @Option(names = "--names", paramLabel = "N", defaultValue = "20",
            description = "How many names to list per kind of mismatch (default: ${DEFAULT-VALUE}).")
    private int names;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ModelReport report = ModelInspector.inspect(folder);
            report.lines(Math.max(1, names)).forEach(out::println);
            out.flush();
            return report.check() == null || report.weightsMatch() ? 0 : MISMATCH;
        } catch (CheckpointException e) {
            spec.commandLine().getErr().println("vla4j info: " + e.getMessage());
            return UNREADABLE;
        }
    }
}
