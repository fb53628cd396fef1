package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.testkit.Requirements;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in real headless Chromium against the simulated robot ({@code src/test/browser/teleop-page.mjs}, driven
 * by playwright-core with the system's Chromium): it loads without console errors, frames arrive, the chunk overlay
 * draws, an instruction changes the task, a held key moves the robot, the E-STOP latches until a confirmed reset,
 * and a recorded episode lands on disk. Screenshots go to {@code target/screenshots/}. Needs {@code node}, the
 * Chromium at {@code $CHROMIUM} (default {@code /usr/bin/chromium}) and {@code npm ci} in {@code src/test/browser}.
 */
class TeleopBrowserTest {
    private static final Path SCRIPTS = Path.of("src/test/browser");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final List<String> SHOTS = List.of("policy-overlay", "teleop", "estop-latched", "recorded");

    @TempDir
    Path tmp;

    @Test
    void theOperatorPageWorksInHeadlessChromium() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            Requirements.missing("Chromium", chromium + " is not installed (apt-get install chromium)");
        }
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
            Requirements.missing("playwright-core", "run npm ci in robot-nodes/" + SCRIPTS);
        }
        if (!commandWorks("node", "--version")) {
            Requirements.missing("node", "no node on the PATH");
        }
        for (String shot : SHOTS) {
            Files.deleteIfExists(SCREENSHOTS.resolve(shot + ".png")); // only this run's screenshots count
        }
        Path dataset = tmp.resolve("browser-recording");
        Path log = tmp.resolve("browser.log");
        JsonObject result;
        try (SimTeleopFixture sim = new SimTeleopFixture(dataset, null)) {
            Process node = new ProcessBuilder("node", "teleop-page.mjs", sim.server.url(),
                    SCREENSHOTS.toAbsolutePath().toString(), chromium)
                    .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("the browser test ran over 120 s:\n" + Files.readString(log));
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.forEach(l -> System.out.println("[browser] " + l));
            String last = lines.isEmpty() ? "{}" : lines.get(lines.size() - 1);
            result = last.startsWith("{") ? new JsonObject(last) : new JsonObject().put("error", last);
            assertEquals(0, node.exitValue(), "the browser checks failed: " + result.getString("error"));
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
            assertTrue(Files.size(SCREENSHOTS.resolve(shot + ".png")) > 10_000, shot);
        }
    }

    private static boolean commandWorks(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
