package dev.vla4j.sim.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.EpisodeInfo;
import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.policy.dataset.StoredFrame;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording expert demonstrations: what is written reads back, replays in the simulator and is deterministic. */
class SimRecorderTest {
    private static final EnvConfig CONFIG = EnvConfig.DEFAULT.withImageSize(64);

    @TempDir
    Path dir;

    private static SimRecorder.Settings settings(String suite, int episodes, int threads, double noise) {
        return new SimRecorder.Settings(List.of(Suites.byName(suite)), Split.HELD_IN, episodes, 0, CONFIG, threads, noise);
    }

    private static SimRecorder.Summary record(SimRecorder.Settings settings, Path folder) throws IOException {
        try (SimRecorder recorder = SimRecorder.create(settings, folder)) {
            return recorder.record((recorded, discarded, frames) -> { });
        }
    }

    @Test
    void noisyEpisodesExecuteTheNoiseButKeepTheExpertsOwnActionAsTheLabel() {
        Suite suite = Suites.byName("langtable-spatial");
        var task = suite.tasks().get(0);
        double sigma = 0.01;
        ExpertEpisode noisy = ExpertEpisode.play(suite, task, Split.HELD_IN, CONFIG, 3, sigma);
        ExpertEpisode clean = ExpertEpisode.play(suite, task, Split.HELD_IN, CONFIG, 3, 0);
        TableEnv env = new TableEnv(suite, task, Split.HELD_IN, CONFIG);
        PushExpert expert = new PushExpert();
        ActionNoise noise = new ActionNoise(sigma, 3);
        Observation obs = env.reset(3);
        List<Frame> frames = noisy.segments().get(0).frames();
        for (int t = 0; t < frames.size(); t++) {
            Frame f = frames.get(t);
            assertArrayEquals(obs.proprio(), f.floats(SimDataset.STATE), "state of frame " + t);
            float[] label = env.appliedAction(expert.act(obs, env.state()));
            assertArrayEquals(label, f.floats(SimDataset.ACTION), "frame " + t + " is labelled with the clean action");
            obs = env.step(noise.add(label)).observation(); // what the robot executed: the label plus noise
        }
        assertFalse(java.util.Arrays.equals(clean.segments().get(0).frames().get(1).floats(SimDataset.STATE),
                frames.get(1).floats(SimDataset.STATE)), "the noise moved the robot off the clean path");
    }

    @Test
    void recordedEpisodesReadBackAndReplayFrameByFrameInTheSimulator() throws IOException {
        Suite suite = Suites.byName("langtable-spatial");
        SimRecorder.Summary summary = record(settings(suite.name(), 3, 2, 0), dir.resolve("ds"));
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(dir.resolve("ds"));
        assertEquals(SimDataset.spec(64), reader.spec());
        assertEquals(SimDataset.FPS, reader.fps());
        assertEquals(3, summary.expertEpisodes());
        assertEquals(3, reader.episodes().size());
        assertEquals(summary.frames(), reader.totalFrames());
        int episode = 0;
        for (int attempt = 0; episode < 3; attempt++) {
            var task = suite.tasks().get(attempt % suite.tasks().size());
            long seed = attempt / suite.tasks().size();
            if (!ExpertEpisode.play(suite, task, Split.HELD_IN, CONFIG, seed, 0).success()) {
                continue; // the recorder discarded this attempt too
            }
            List<StoredFrame> frames = reader.episode(episode++);
            TableEnv env = new TableEnv(suite, task, Split.HELD_IN, CONFIG);
            Observation obs = env.reset(seed);
            assertEquals(List.of(obs.instruction()), reader.episodeInfo(episode - 1).tasks());
            for (int t = 0; t < frames.size(); t++) {
                Frame f = frames.get(t).frame();
                assertEquals(obs.instruction(), frames.get(t).task());
                assertEquals(t / (float) SimDataset.FPS, f.timestamp());
                assertArrayEquals(obs.rgb(), f.image(SimDataset.IMAGE).rgb(), "image of frame " + t);
                assertArrayEquals(obs.proprio(), f.floats(SimDataset.STATE), "state of frame " + t);
                assertArrayEquals(env.state().environmentState(), f.floats(SimDataset.ENVIRONMENT_STATE),
                        "privileged state of frame " + t);
                assertArrayEquals(env.blockImagePositions(), f.floats(SimDataset.BLOCK_POSITIONS),
                        "block positions of frame " + t);
                assertArrayEquals(env.goalImagePositions(), f.floats(SimDataset.GOAL_POSITIONS),
                        "goal image positions of frame " + t);
                var r = env.step(f.floats(SimDataset.ACTION));
                assertEquals(r.done(), f.flags(SimDataset.DONE)[0], "done of frame " + t);
                assertEquals((float) r.reward(), f.floats(SimDataset.REWARD)[0]);
                assertEquals(r.success(), f.flags(SimDataset.SUCCESS)[0]);
                obs = r.observation();
            }
            assertTrue(frames.get(frames.size() - 1).frame().flags(SimDataset.SUCCESS)[0], "episodes kept succeed");
        }
    }

    @Test
    void aChainIsWrittenAsOneEpisodePerInstruction() throws IOException {
        SimRecorder.Summary summary = record(settings("langtable-long", 2, 1, 0), dir.resolve("long"));
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(dir.resolve("long"));
        // attempts 0 and 1 are chain-2 and chain-3 with seed 0, unless the expert failed one
        assertEquals(summary.datasetEpisodes(), reader.episodes().size());
        assertTrue(reader.episodes().size() >= 4, "two chains of ≥ 2 instructions: " + reader.episodes().size());
        for (EpisodeInfo info : reader.episodes()) {
            assertEquals(1, info.tasks().size());
            List<StoredFrame> frames = reader.episode(info.episodeIndex());
            assertEquals(0f, frames.get(0).frame().timestamp());
            for (int t = 0; t < frames.size(); t++) {
                Frame f = frames.get(t).frame();
                boolean last = t == frames.size() - 1;
                assertEquals(info.tasks().get(0), frames.get(t).task());
                assertEquals(last, f.flags(SimDataset.DONE)[0], "done only on the last frame");
                assertEquals(last, f.flags(SimDataset.SUCCESS)[0], "each instruction succeeds on its last frame");
                assertEquals(last ? 1f : 0f, f.floats(SimDataset.REWARD)[0]);
            }
        }
    }

    @Test
    void theDatasetDoesNotDependOnTheNumberOfThreads() throws IOException {
        record(settings("langtable-goal", 4, 1, 0), dir.resolve("one"));
        record(settings("langtable-goal", 4, 3, 0), dir.resolve("three"));
        assertEquals(actions(dir.resolve("one")), actions(dir.resolve("three")));
    }

    @Test
    void noisyDemonstrationsAreReproducibleAndDifferFromCleanOnes() throws IOException {
        record(settings("langtable-spatial", 2, 2, 0.01), dir.resolve("noisy-a"));
        record(settings("langtable-spatial", 2, 1, 0.01), dir.resolve("noisy-b"));
        record(settings("langtable-spatial", 2, 1, 0), dir.resolve("clean"));
        assertEquals(actions(dir.resolve("noisy-a")), actions(dir.resolve("noisy-b")));
        assertFalse(actions(dir.resolve("noisy-a")).equals(actions(dir.resolve("clean"))));
    }

    /** Every frame's task and action, as text. */
    private static List<String> actions(Path folder) throws IOException {
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(folder);
        List<String> lines = new ArrayList<>();
        for (long i = 0; i < reader.totalFrames(); i++) {
            StoredFrame f = reader.numericFrame(i);
            float[] a = f.frame().floats(SimDataset.ACTION);
            lines.add(f.task() + " " + a[0] + " " + a[1]);
        }
        return lines;
    }

    @Test
    void badSettingsAndANonEmptyFolderAreRefusedWithoutWritingAnything() throws IOException {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("langtable-spatial", 0, 1, 0))
                .getMessage().contains("episodes must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("langtable-spatial", 1, 0, 0))
                .getMessage().contains("threads must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("langtable-spatial", 1, 1, Double.NaN))
                .getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("langtable-nope", 1, 1, 0))
                .getMessage().contains("unknown suite 'langtable-nope'"));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimRecorder.create(settings("langtable-spatial", 1, 1, 0), full));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        try (var files = Files.list(full)) {
            assertEquals(List.of(full.resolve("notes.txt")), files.toList());
        }
    }
}
