package dev.vla4j.policy.dataset;

import static dev.vla4j.policy.dataset.SampleEpisodes.ACTION;
import static dev.vla4j.policy.dataset.SampleEpisodes.DONE;
import static dev.vla4j.policy.dataset.SampleEpisodes.REWARD;
import static dev.vla4j.policy.dataset.SampleEpisodes.STATE;
import static dev.vla4j.policy.dataset.SampleEpisodes.TOP;
import static dev.vla4j.policy.dataset.SampleEpisodes.WRIST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everythingWrittenReadsBackEqual() throws Exception {
        Path root = tmp.resolve("ds");
        int episodes = 6;
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(root, SampleEpisodes.spec())) {
            SampleEpisodes.record(writer, 3);
            writer.beginEpisode("this one is discarded");
            writer.addFrame(SampleEpisodes.frame(99, 0, 1));
            writer.discardEpisode();
            for (long e = 3; e < episodes; e++) {
                writer.beginEpisode(SampleEpisodes.task(e));
                for (int i = 0; i < SampleEpisodes.length(e); i++) {
                    writer.addFrame(SampleEpisodes.frame(e, i, SampleEpisodes.length(e)));
                }
                assertEquals(e, writer.endEpisode());
            }
        }

        LeRobotDatasetReader reader = LeRobotDatasetReader.open(root);
        assertEquals(SampleEpisodes.TASKS, reader.tasks(), "tasks in order of first use; the discarded one absent");
        assertEquals(SampleEpisodes.spec(), reader.spec());
        assertEquals(episodes, reader.episodes().size());
        long index = 0;
        for (long e = 0; e < episodes; e++) {
            EpisodeInfo info = reader.episodeInfo(e);
            int length = SampleEpisodes.length(e);
            assertEquals(List.of(SampleEpisodes.task(e)), info.tasks());
            assertEquals(index, info.fromIndex());
            assertEquals(length, info.length());
            List<StoredFrame> frames = reader.episode(e);
            assertEquals(length, frames.size());
            for (int i = 0; i < length; i++) {
                StoredFrame stored = frames.get(i);
                Frame expected = SampleEpisodes.frame(e, i, length);
                assertEquals(index + i, stored.index());
                assertEquals(e, stored.episodeIndex());
                assertEquals(i, stored.frameIndex());
                assertEquals(SampleEpisodes.task(e), stored.task());
                assertEquals(SampleEpisodes.TASKS.indexOf(SampleEpisodes.task(e)), stored.taskIndex());
                assertSameFrame(expected, stored.frame());
            }
            index += length;
        }
        assertEquals(index, reader.totalFrames());
        assertEquals(index, reader.frames().count());
        StoredFrame random = reader.frame(index - 2);
        assertEquals(episodes - 1, random.episodeIndex());
        assertSameFrame(SampleEpisodes.frame(episodes - 1, (int) random.frameIndex(),
                SampleEpisodes.length(episodes - 1)), random.frame());

        JsonNode info = new ObjectMapper().readTree(root.resolve("meta/info.json").toFile());
        assertEquals("v3.0", info.get("codebase_version").asText());
        assertEquals("0:" + episodes, info.get("splits").get("train").asText());
        assertEquals(1000, info.get("chunks_size").asInt());
        assertEquals("image", info.get("features").get(TOP).get("dtype").asText());
        assertEquals("[12,16,3]", info.get("features").get(TOP).get("shape").toString());
        assertTrue(Files.isRegularFile(root.resolve("data/chunk-000/file-005.parquet")));
        assertFalse(Files.exists(root.resolve("data/chunk-000/file-006.parquet")), "no file for the discarded one");
    }

    static void assertSameFrame(Frame expected, Frame actual) {
        assertEquals(expected.timestamp(), actual.timestamp());
        assertArrayEquals(expected.floats(STATE), actual.floats(STATE));
        assertArrayEquals(expected.floats(ACTION), actual.floats(ACTION));
        assertArrayEquals(expected.floats(REWARD), actual.floats(REWARD));
        assertArrayEquals(expected.flags(DONE), actual.flags(DONE));
        assertEquals(expected.image(TOP), actual.image(TOP), "PNG round trip is byte-exact");
        assertEquals(expected.image(WRIST), actual.image(WRIST));
        assertEquals(expected.values().keySet(), actual.values().keySet());
    }
}
