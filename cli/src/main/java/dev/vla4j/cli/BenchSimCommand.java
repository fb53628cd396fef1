package dev.vla4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.record.SimRecorder;
import dev.vla4j.sim.rollout.SimBench;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Simulator throughput: environment steps per second per core, and episodes per second while recording. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Prints one JSON line per measurement:",
            "  sim.steps: environment steps per second on one thread (physics, success checks and rendering), for "
                + "the first task of each suite, after a warm-up of every suite;",
            "  sim.record: scripted-expert episodes per second while recording langtable-spatial into a temporary "
                + "dataset on one thread (deleted afterwards).",
            "Each line carries the load average (/proc/loadavg), since a busy machine slows everything down.",
            "Exit 0 when done, 2 for bad input."},
        footer = {"", "Examples:", "  vla4j bench sim", "  vla4j bench sim --steps 20000 --image-size 224"})
public final class BenchSimCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD_SUITE = "langtable-spatial";

    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "5000",
            description = "Timed steps per suite (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
            description = "Untimed steps per suite, all suites warmed up before any is timed (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--episodes", paramLabel = "M", defaultValue = "20",
            description = "Expert episodes to record (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Side of the camera image, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Override
    public Integer call() throws IOException {
        EnvConfig config;
        SimRecorder.Settings recording;
        try {
            if (steps < 1 || warmup < 0) {
                throw new IllegalArgumentException("--steps must be at least 1 and --warmup at least 0, got " + steps
                        + " and " + warmup);
            }
            config = EnvConfig.DEFAULT.withImageSize(imageSize);
            recording = new SimRecorder.Settings(java.util.List.of(Suites.byName(RECORD_SUITE)), Split.HELD_IN, episodes, 0, config, 1, 0);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Suite suite : Suites.ALL) { // JIT warm-up for all suites first: the first one timed is not penalized
            SimBench.measure(suite.name(), suite.tasks().get(0).name(), config, warmup, 1);
        }
        for (Suite suite : Suites.ALL) {
            SimBench.Result r = SimBench.measure(suite.name(), suite.tasks().get(0).name(), config, 0, steps);
            ObjectNode line = line("sim.steps");
            line.put("suite", r.suite()).put("task", r.task()).put("image_size", r.imageSize())
                    .put("substeps", r.substeps()).put("threads", 1).put("steps", r.steps())
                    .put("seconds", r.seconds()).put("steps_per_second", r.stepsPerSecond())
                    .put("us_per_step", r.microsPerStep());
            print(out, line);
        }
        Path folder = Files.createTempDirectory("vla4j-bench-record");
        try (SimRecorder recorder = SimRecorder.create(recording, folder)) {
            SimRecorder.Summary s = recorder.record((recorded, discarded, frames) -> { });
            ObjectNode line = line("sim.record");
            line.put("suite", RECORD_SUITE).put("image_size", imageSize).put("threads", 1)
                    .put("episodes", s.expertEpisodes()).put("discarded", s.discarded()).put("frames", s.frames())
                    .put("seconds", s.seconds()).put("episodes_per_second", s.episodesPerSecond())
                    .put("frames_per_second", s.frames() / s.seconds());
            print(out, line);
        } finally {
            deleteTree(folder);
        }
        return 0;
    }

    private static ObjectNode line(String bench) {
        ObjectNode line = JSON.createObjectNode();
        line.put("bench", bench);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        return line;
    }

    /** Prints {@code line} with the load average at the end of the measurement. */
    private static void print(PrintWriter out, ObjectNode line) {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            line.putArray("loadavg").add(Double.parseDouble(load[0])).add(Double.parseDouble(load[1]))
                    .add(Double.parseDouble(load[2]));
        } catch (IOException | RuntimeException e) {
            line.putNull("loadavg");
        }
        out.println(line);
        out.flush();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
