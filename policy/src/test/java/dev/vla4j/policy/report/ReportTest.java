package dev.vla4j.policy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void chartsAreWrittenAsPngs(@TempDir Path dir) throws IOException {
        Path curve = dir.resolve("loss.png");
        Charts.lines(curve, "loss", "step", "L1", true,
                List.of(new Charts.Series("train", List.of(1, 2, 3), List.of(1.0, 0.5, 0.25))));
        Path bars = dir.resolve("success.png");
        Charts.bars(bars, "success", "rate", Map.of("expert",
                List.of(new Charts.Bar("task-a", 0.9, 0.8, 0.96), new Charts.Bar("task-b", 0.5, 0.36, 0.64))));
        for (Path png : List.of(curve, bars)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(900, image.getWidth(), png.toString());
            assertEquals(500, image.getHeight(), png.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new Charts.Series("bad", List.of(1), List.of()));
    }

    @Test
    void withoutATerminalProgressPrintsPlainLinesEveryTenthAndNoCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress("steps", 100, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 100; i++) {
            progress.update(i, "loss=0.1");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), text);
        assertEquals(11, text.lines().count(), text); // 1..9 deciles, 10, and the final line
        assertTrue(text.lines().reduce((a, b) -> b).orElseThrow().startsWith("steps 100/100 (100%)"), text);
        assertThrows(IllegalArgumentException.class, () -> new Progress("x", 0, System.err, false));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress("episodes", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.update(2, null);
        progress.update(4, null);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[###############               ] episodes 2/4 (50%)"), text);
        assertTrue(text.endsWith("\n"), text);
    }
}
