package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.record.SimDataset;
import dev.vla4j.sim.tasks.Suites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimRecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsADatasetWhoseTasksAreTheInstructions() throws Exception {
        Path out = dir.resolve("ds");
        CliRun run = CliRun.of("sim", "record", "--suite", "langtable-object", "--episodes", "5", "--image-size", "64",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("recorded 5 langtable-object episodes"), run.out());
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(out);
        assertEquals(5, reader.episodes().size());
        assertEquals(SimDataset.spec(64), reader.spec());
        // episode i plays task i mod 4 with seed 0 (the expert rarely fails), each frame carrying its instruction
        var suite = Suites.byName("langtable-object");
        String first = new TableEnv(suite, suite.tasks().get(0), Split.HELD_IN, EnvConfig.DEFAULT.withImageSize(64))
                .reset(0).instruction();
        assertEquals(List.of(first), reader.episodeInfo(0).tasks());
        for (var episode : reader.episodes()) {
            String task = episode.tasks().get(0);
            assertTrue(reader.episode(episode.episodeIndex()).stream().allMatch(f -> f.task().equals(task)));
        }
    }

    @Test
    void badInputIsRefusedWithExitCode2AndNothingWritten() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path fresh = dir.resolve("fresh");
        List<List<String>> cases = List.of(
                List.of("--suite", "langtable-nope", "--episodes", "1", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--split", "sideways", "--episodes", "1", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "0", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "-3", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "1", "--threads", "0", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "1", "--image-size", "20", "--out", fresh.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "1", "--out", full.toString()),
                List.of("--suite", "langtable-goal", "--episodes", "1", "--out", file.resolve("ds").toString()));
        List<String> expected = List.of("unknown suite 'langtable-nope'", "unknown split 'sideways'",
                "episodes must be at least 1, got 0", "episodes must be at least 1, got -3",
                "threads must be at least 1", "imageSize must be within 64..224", "is not empty",
                "cannot create dataset folder");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new java.util.ArrayList<>(List.of("sim", "record"));
            args.addAll(cases.get(i));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(BadInput.EXIT, run.code(), args + ": " + run.err());
            assertTrue(run.err().startsWith("vla4j sim record: ") && run.err().contains(expected.get(i)),
                    args + ": " + run.err());
        }
        assertFalse(Files.exists(fresh), "nothing is created for bad input");
        try (var files = Files.list(full)) {
            assertEquals(List.of(full.resolve("keep.txt")), files.toList());
        }
    }
}
