package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.EpisodeInfo;
import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.policy.dataset.StoredFrame;
import dev.vla4j.sim.record.SimDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md §4: killing {@code vla4j sim record} mid-run loses at most the episode in progress. */
class SimRecordCrashTest {
    private static final long PATIENCE_MS = 120_000;

    @TempDir
    Path dir;

    @Test
    void aKilledRecordingLeavesEveryListedEpisodeComplete() throws Exception {
        Path out = dir.resolve("ds");
        Path log = dir.resolve("record.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Vla4j.class.getName(), "sim", "record", "--suite",
                "langtable-spatial", "--episodes", "100000", "--threads", "1", "--image-size", "64", "--out",
                out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long committed = waitForEpisodes(out, 2, process, log);
            assertTrue(process.isAlive(), "the recorder must still be running when it is killed");
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed recorder did not exit");
            LeRobotDatasetReader reader = LeRobotDatasetReader.open(out);
            assertTrue(reader.episodes().size() >= committed, reader.episodes().size() + " < " + committed);
            long frames = 0;
            for (EpisodeInfo episode : reader.episodes()) {
                List<StoredFrame> read = reader.episode(episode.episodeIndex());
                assertEquals(episode.length(), read.size(), "episode " + episode.episodeIndex());
                StoredFrame last = read.get(read.size() - 1);
                assertTrue(last.frame().flags(SimDataset.DONE)[0] && last.frame().flags(SimDataset.SUCCESS)[0],
                        "episode " + episode.episodeIndex() + " ends with its successful last step");
                read.forEach(f -> assertEquals(64, f.frame().image(SimDataset.IMAGE).width()));
                frames += read.size();
            }
            assertEquals(reader.totalFrames(), frames);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Polls the dataset until it lists {@code wanted} episodes; returns how many it listed then. */
    private static long waitForEpisodes(Path out, int wanted, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(process.isAlive(), () -> "the recorder exited early: " + read(log));
            if (Files.isRegularFile(out.resolve("meta").resolve("info.json"))) {
                try {
                    long episodes = LeRobotDatasetReader.open(out).episodes().size();
                    if (episodes >= wanted) {
                        return episodes;
                    }
                } catch (IOException | RuntimeException e) {
                    // a file may be replaced while we read it: try again
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + wanted + " episodes after " + PATIENCE_MS + " ms: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
