package dev.vla4j.cli.bench;

import ai.djl.engine.Engine;
import dev.vla4j.cli.BenchSimCommand;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vla4j bench}: CPU latency of the full-size models on seeded random weights, one JSON line per measurement
 * on stdout, compared with the upstream PyTorch reference of specs/refbench.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: the models' latency and memory on random weights (head, vlm, vision: fp32, batch 1, "
                + "no grad), and the simulator's throughput (sim).",
                "Prints one JSON object per case and thread count on stdout (latency_ms min/median/p99, peak RSS, "
                        + "RSS over a memory loop, the upstream PyTorch reference min and ratio_to_reference = "
                        + "our min / reference min, lower is better); progress goes to stderr.",
                "Exit codes: 0 ok, 2 bad options, 3 RSS grew past --max-rss-growth (a leak), 4 non-finite output."},
        subcommands = {HeadBenchCommand.class, VlmBenchCommand.class, VisionBenchCommand.class, BenchSimCommand.class,
                LoopBenchCommand.class},
        footer = {"", "Examples:", "  vla4j bench head --variant pro,v1 --threads 1 --reps 5 --calls-for-memory 200",
                "  vla4j bench vlm --tokens 626 --no-logits > vlm.jsonl",
                "  vla4j bench vision --size 512", "  vla4j bench sim --steps 20000 --episodes 50"})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: head, vlm, vision, sim or loop.");
    }

    /** What a subcommand measures, given a runner. */
    interface Body {
        void run(BenchRunner runner, PrintWriter err);
    }

    /**
     * Starts the engine with one inter-op thread (unless already started or set), seeds it, runs {@code body} and
     * turns a {@link BenchRunner.Failure} into its exit code and a message on stderr.
     */
    static int execute(CommandSpec spec, BenchRunner.Settings settings, Body body) {
        PrintWriter err = spec.commandLine().getErr();
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1"); // read when the engine starts
        }
        Engine.getInstance().setRandomSeed(settings.seed());
        try {
            body.run(new BenchRunner(settings, spec.commandLine().getOut(), err), err);
            return 0;
        } catch (BenchRunner.Failure failure) {
            err.println("vla4j bench " + spec.name() + ": " + failure.getMessage());
            err.flush();
            return failure.exitCode;
        }
    }

    /** A progress line on stderr. */
    static void progress(PrintWriter err, String format, Object... args) {
        err.println("vla4j bench: " + String.format(Locale.ROOT, format, args));
        err.flush();
    }
}
