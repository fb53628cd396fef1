package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.policy.dataset.StoredFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episodes recorded through the page's protocol land in a LeRobot dataset that reads back. */
class TeleopRecordingTest {
    @TempDir
    Path tmp;

    @Test
    void startStopSavesAnEpisodeWithTheInstructionAsTaskAndDiscardLeavesNothing() throws Exception {
        Path dataset = tmp.resolve("teleop-data");
        try (SimTeleopFixture sim = new SimTeleopFixture(dataset, null); WsPage page = sim.operatorPage()) {
            page.send("episode", "op", "stop");
            assertTrue(page.await("error", e -> true).getString("message").contains("no episode"));
            assertFalse(Files.exists(dataset), "nothing is created before the first episode starts");

            page.send("instruction", "text", "push the red star to the top left corner");
            page.send("episode", "op", "start");
            page.send("mode", "mode", "POLICY");
            page.await("state", s -> s.getJsonObject("recording").getInteger("frames") >= 5);
            page.send("episode", "op", "stop");
            page.await("state", s -> s.getJsonObject("recording").getLong("episodes") == 1);

            page.send("episode", "op", "start");
            page.await("state", s -> s.getJsonObject("recording").getInteger("frames") >= 2);
            page.send("episode", "op", "discard");
            page.await("state", s -> !s.getJsonObject("recording").getBoolean("active"));
        }
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(dataset);
        assertEquals(1, reader.episodes().size(), "the discarded episode is not on disk");
        assertEquals(List.of("push the red star to the top left corner"), reader.tasks());
        List<StoredFrame> frames = reader.episode(0);
        assertTrue(frames.size() >= 5, frames.size() + " frames");
        for (int i = 0; i + 1 < frames.size(); i++) {
            float[] state = (float[]) frames.get(i).frame().values().get("observation.state");
            float[] next = (float[]) frames.get(i + 1).frame().values().get("observation.state");
            float[] action = (float[]) frames.get(i).frame().values().get("action");
            assertArrayEquals(new float[] {next[0] - state[0], next[1] - state[1]}, action, 1e-6f,
                    "frame " + i + "'s action is the displacement the step applied");
        }
    }
}
