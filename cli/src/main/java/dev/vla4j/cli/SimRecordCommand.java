package dev.vla4j.cli;

import dev.vla4j.policy.report.Progress;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.record.SimRecorder;
import dev.vla4j.sim.tasks.Suites;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Records scripted-expert demonstrations into a new LeRobot dataset. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record scripted-expert episodes of a suite into a new LeRobot v3 dataset (PNG images in "
                + "Parquet): observation.images.top, observation.state (ee x, y, vx, vy), action (the applied dx, dy), "
                + "next.reward/done/success, 10 fps, task = the instruction.",
            "Attempt i plays task (i mod T) with seed (--seed + i / T); failed expert attempts are discarded and "
                + "counted, until N episodes succeeded. langtable-long chains are written as one dataset episode per "
                + "instruction. Episodes are played on --threads threads and written in order by one writer, each "
                + "committed atomically: the dataset is the same for any thread count, and a crash loses at most "
                + "the episode being written.",
            "Exit 0 when done, 1 when recording failed, 2 for bad input (nothing is written)."},
        footer = {"", "Examples:", "  vla4j sim record --suite langtable-spatial --episodes 200 --out data/spatial",
                "  vla4j sim record --suite langtable-long --episodes 100 --split perturbation --image-size 224 "
                        + "--noise 0.005 --out data/long-224"})
final class SimRecordCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "SUITE",
            description = "langtable-spatial, langtable-object, langtable-goal or langtable-long; several separated by "
                    + "commas, or all: episodes go round-robin over every task of every suite named.")
    private String suite;

    @Option(names = "--episodes", required = true, paramLabel = "N", description = "Successful expert episodes to record.")
    private int episodes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New dataset folder (must not exist "
            + "or be empty).")
    private Path out;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "held-in",
            description = "held-in or perturbation (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Side of the square camera image, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0", description = "Seed of the first round over the "
            + "tasks (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads playing episodes (default: the cores).")
    private Integer threads;

    @Option(names = "--noise", paramLabel = "METRES", defaultValue = "0",
            description = "Std of Gaussian noise added to the executed actions, seeded per episode; frames keep the "
                    + "expert's own action as the label (DART recovery data; default: none).")
    private double noise;

    @Override
    public Integer call() {
        SimRecorder.Settings settings;
        try {
            List<String> names = suite.equals("all") ? Suites.names() : List.of(suite.split(","));
            settings = new SimRecorder.Settings(names.stream().map(String::strip).map(Suites::byName).toList(),
                    Split.byId(split), episodes, seed,
                    EnvConfig.DEFAULT.withImageSize(imageSize), threads == null ? Runtime.getRuntime().availableProcessors() : threads, noise);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        SimRecorder recorder;
        try {
            recorder = SimRecorder.create(settings, out);
        } catch (IllegalArgumentException | IOException e) {
            return BadInput.report(spec, e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = Progress.onStderr("recording", settings.episodes());
        try (recorder) {
            SimRecorder.Summary s = recorder.record((recorded, discarded, frames) ->
                    progress.update(recorded, frames + " frames, " + discarded + " discarded"));
            stdout.printf(Locale.ROOT, "recorded %d %s episodes (%d dataset episodes, %d frames) into %s in %.1f s: "
                            + "%.2f episodes/s, %.0f frames/s; %d failed expert attempts discarded%n",
                    s.expertEpisodes(), suite, s.datasetEpisodes(), s.frames(), out, s.seconds(),
                    s.episodesPerSecond(), s.frames() / s.seconds(), s.discarded());
            stdout.flush();
            return 0;
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": recording failed: " + e.getMessage()
                    + " (the episodes committed before it stay readable in " + out + ")");
            return FAILED;
        }
    }
}
