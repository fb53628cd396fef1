package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vla4j.testkit.Requirements;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A page script of {@code src/test/browser} (playwright-core driving the system's Chromium, see
 * {@code page-harness.mjs}) run against a teleop server. Needs {@code node}, the Chromium at {@code $CHROMIUM}
 * (default {@code /usr/bin/chromium}) and {@code npm ci} in {@code src/test/browser}; skips (fails in CI) without.
 */
public final class BrowserScript {
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Path SCRIPTS = Path.of("src/test/browser");

    private final String chromium;

    private BrowserScript(String chromium) {
        this.chromium = chromium;
    }

    /** The browser tools, or a skip naming the missing one. */
    public static BrowserScript require() {
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
        return new BrowserScript(chromium);
    }

    /** Deletes earlier runs' screenshots of these names, so that only this run's count. */
    public static void forgetScreenshots(List<String> shots) throws IOException {
        for (String shot : shots) {
            Files.deleteIfExists(SCREENSHOTS.resolve(shot + ".png"));
        }
    }

    /**
     * Runs {@code script} against the page at {@code url}, echoes what it printed, and returns its last line
     * ({@code {"ok":true,...}}); fails when the script fails or runs over 120 s.
     */
    public JsonObject run(String script, String url, Path log) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", script, url, SCREENSHOTS.toAbsolutePath().toString(), chromium)
                .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the browser test ran over 120 s:\n" + Files.readString(log));
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.forEach(l -> System.out.println("[browser] " + l));
        String last = lines.isEmpty() ? "{}" : lines.get(lines.size() - 1);
        JsonObject result = last.startsWith("{") ? new JsonObject(last) : new JsonObject().put("error", last);
        assertEquals(0, node.exitValue(), "the browser checks failed: " + result.getString("error"));
        return result;
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
