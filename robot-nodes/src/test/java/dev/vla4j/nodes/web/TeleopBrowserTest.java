package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in real headless Chromium against the simulated robot ({@code src/test/browser/teleop-page.mjs}, see
 * {@link BrowserScript}): it loads without console errors, frames arrive, the chunk overlay draws, an instruction
 * changes the task, a held key moves the robot, the E-STOP latches until a confirmed reset, and a recorded episode
 * lands on disk. Screenshots go to {@code target/screenshots/}.
 */
class TeleopBrowserTest {
    private static final List<String> SHOTS = List.of("policy-overlay", "teleop", "estop-latched", "recorded");

    @TempDir
    Path tmp;

    @Test
    void theOperatorPageWorksInHeadlessChromium() throws Exception {
        BrowserScript browser = BrowserScript.require();
        BrowserScript.forgetScreenshots(SHOTS);
        Path dataset = tmp.resolve("browser-recording");
        JsonObject result;
        try (SimTeleopFixture sim = new SimTeleopFixture(dataset, null)) {
            result = browser.run("teleop-page.mjs", sim.server.url(), tmp.resolve("browser.log"));
        }
        assertTrue(result.getBoolean("ok"), result.encode());
        System.out.printf("[vla4j] in Chromium: command round trip p95 %.1f ms (n=%d), frame age p95 %.0f ms "
                + "(n=%d, capture to decoded)%n", result.getDouble("rttP95"), result.getInteger("rtts"),
                result.getDouble("frameAgeP95"), result.getInteger("frames"));
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(dataset);
        assertEquals(1, reader.episodes().size());
        assertEquals(List.of("push the blue moon to the right side"), reader.tasks());
        assertTrue(reader.totalFrames() >= 5, reader.totalFrames() + " frames");
        for (String shot : SHOTS) {
            assertTrue(Files.size(BrowserScript.SCREENSHOTS.resolve(shot + ".png")) > 10_000, shot);
        }
    }
}
