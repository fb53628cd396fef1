package dev.vla4j.policy.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a recording JVM ({@link RecordingChild}) with SIGKILL and checks that the dataset it leaves opens with
 * every committed episode intact and nothing of the episode in progress. The child runs without any Hadoop jar
 * on its classpath, so this also shows the writer and reader need none at run time.
 */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void killedMidEpisodeKeepsEveryCommittedEpisode() throws Exception {
        Path root = tmp.resolve("mid");
        long committed = killWhen(root, line -> line.equals("frame 4 2")); // episode 4 half recorded
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(root);
        assertEquals(4, committed);
        assertEquals(4, reader.episodes().size(), "episodes 0-3 committed, 4 in progress");
        assertIntact(reader);
    }

    @Test
    void killedWhileCommittingLeavesEitherState() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Path root = tmp.resolve("commit" + attempt);
            String trigger = "ending " + (2 + attempt);
            long committed = killWhen(root, line -> line.equals(trigger));
            LeRobotDatasetReader reader = LeRobotDatasetReader.open(root);
            int episodes = reader.episodes().size();
            assertTrue(episodes == committed || episodes == committed + 1,
                    "killed while committing episode " + committed + ": " + episodes + " episodes readable");
            assertIntact(reader);
        }
    }

    @Test
    void writerAndReaderRunWithoutHadoop() throws Exception {
        Process child = start("roundtrip", tmp.resolve("plain"));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        int frames = SampleEpisodes.length(0) + SampleEpisodes.length(1) + SampleEpisodes.length(2);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("read " + frames + " frames"), out);
        assertTrue(out.contains("hadoop absent"), out);
    }

    /** Runs the recording child until a stdout line matches, kills it; returns the episodes it reported committed. */
    private long killWhen(Path root, Predicate<String> trigger) throws Exception {
        Process child = start("record", root);
        long committed = 0;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committed = Long.parseLong(line.substring(10)) + 1;
                }
                if (trigger.test(line)) {
                    child.destroyForcibly();
                    break;
                }
            }
            assertTrue(line != null, "child exited before the trigger: " + child.waitFor());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        return committed;
    }

    private static void assertIntact(LeRobotDatasetReader reader) throws IOException {
        long index = 0;
        for (EpisodeInfo episode : reader.episodes()) {
            long e = episode.episodeIndex();
            int length = SampleEpisodes.length(e);
            List<StoredFrame> frames = reader.episode(e);
            assertEquals(length, frames.size(), "episode " + e);
            for (int i = 0; i < length; i++) {
                assertEquals(index++, frames.get(i).index());
                DatasetRoundTripTest.assertSameFrame(SampleEpisodes.frame(e, i, length), frames.get(i).frame());
            }
        }
        assertEquals(index, reader.totalFrames());
        assertEquals(index, reader.stats().get(DatasetSpec.INDEX).count(), "stats cover exactly the listed frames");
    }

    private static Process start(String mode, Path root) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutHadoop = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains("/org/apache/hadoop/"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", withoutHadoop, RecordingChild.class.getName(), mode, root.toString())
                .redirectErrorStream(true).start();
    }
}
