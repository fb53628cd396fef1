package dev.vla4j.sim.eval;

import dev.vla4j.sim.Observation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import javax.imageio.ImageIO;

/**
 * Frames of one episode in a grid, for people: every {@value #STRIDE}th observation and the last one, thinned
 * evenly to at most {@value #MAX_FRAMES}, each captioned with its step and the instruction in force. Feed it the
 * episode's observations ({@link #accept}) and then {@link #write} it.
 */
public final class Filmstrip implements ObjIntConsumer<Observation> {
    /** Steps between kept frames. */
    public static final int STRIDE = 5;
    /** Most frames drawn. */
    public static final int MAX_FRAMES = 12;
    private static final int COLUMNS = 6;
    private static final int PAD = 6;
    private static final int CAPTION_LINES = 4;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private record Shot(int step, Observation observation) {
    }

    private final List<Shot> shots = new ArrayList<>();
    private Shot last;

    @Override
    public void accept(Observation observation, int step) {
        last = new Shot(step, observation);
        if (step % STRIDE == 0) {
            shots.add(last);
        }
    }

    /** The steps that will be drawn, in order. */
    public List<Integer> steps() {
        return chosen().stream().map(Shot::step).toList();
    }

    private List<Shot> chosen() {
        List<Shot> all = new ArrayList<>(shots);
        if (last != null && (all.isEmpty() || all.get(all.size() - 1) != last)) {
            all.add(last);
        }
        if (all.size() <= MAX_FRAMES) {
            return all;
        }
        List<Shot> thinned = new ArrayList<>();
        for (int k = 0; k < MAX_FRAMES; k++) {
            thinned.add(all.get((int) Math.round(k * (all.size() - 1) / (double) (MAX_FRAMES - 1))));
        }
        return thinned;
    }

    /** The grid with {@code title} above it. */
    public BufferedImage render(String title) {
        List<Shot> frames = chosen();
        if (frames.isEmpty()) {
            throw new IllegalStateException("the filmstrip has no frames: feed it an episode first");
        }
        int tile = frames.get(0).observation().width();
        int tileHeight = frames.get(0).observation().height();
        int columns = Math.min(COLUMNS, frames.size());
        int rows = (frames.size() + columns - 1) / columns;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        int lineHeight = probe.createGraphics().getFontMetrics(CAPTION).getHeight();
        int titleHeight = probe.createGraphics().getFontMetrics(TITLE).getHeight() + PAD;
        int cellHeight = tileHeight + CAPTION_LINES * lineHeight + PAD;
        BufferedImage sheet = new BufferedImage(PAD + columns * (tile + PAD), titleHeight + PAD + rows * cellHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
        g.setFont(CAPTION);
        for (int i = 0; i < frames.size(); i++) {
            Shot shot = frames.get(i);
            int x = PAD + (i % columns) * (tile + PAD);
            int y = titleHeight + PAD + (i / columns) * cellHeight;
            g.drawImage(shot.observation().toImage(), x, y, null);
            List<String> caption = new ArrayList<>();
            caption.add("step " + shot.step());
            caption.addAll(wrap(shot.observation().instruction(), g.getFontMetrics(), tile));
            int baseline = y + tileHeight + g.getFontMetrics().getAscent();
            for (String line : caption.subList(0, Math.min(CAPTION_LINES, caption.size()))) {
                g.drawString(line, x, baseline);
                baseline += lineHeight;
            }
        }
        g.dispose();
        return sheet;
    }

    /** Writes {@link #render} as a PNG, creating the folder. */
    public void write(Path png, String title) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(render(title), "png", png.toFile());
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
