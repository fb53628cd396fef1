package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.rollout.Rollouts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilmstripTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryFifthStepAndTheLastThinnedToTwelveFrames() {
        Filmstrip strip = new Filmstrip();
        TableEnv env = new TableEnv("langtable-spatial", "nudge-block", Split.HELD_IN, EnvConfig.DEFAULT);
        var obs = env.reset(3);
        for (int step = 0; step <= 23; step++) {
            strip.accept(obs, step);
        }
        assertEquals(List.of(0, 5, 10, 15, 20, 23), strip.steps());
        for (int step = 24; step <= 80; step++) {
            strip.accept(obs, step);
        }
        List<Integer> steps = strip.steps();
        assertEquals(Filmstrip.MAX_FRAMES, steps.size());
        assertEquals(0, steps.get(0));
        assertEquals(80, steps.get(steps.size() - 1));
    }

    @Test
    void drawsAnEpisodeAsAGridOfCaptionedFrames() throws Exception {
        Filmstrip strip = new Filmstrip();
        TableEnv env = new TableEnv("langtable-spatial", "block-to-corner", Split.HELD_IN, EnvConfig.DEFAULT);
        Rollouts.Episode episode = Rollouts.run(env, new PushExpert(), 5, strip);
        strip.write(dir.resolve("strip.png"), "block-to-corner seed 5");
        BufferedImage png = ImageIO.read(dir.resolve("strip.png").toFile());
        assertNotNull(png);
        int frames = strip.steps().size();
        assertEquals(episode.steps(), strip.steps().get(frames - 1));
        int columns = Math.min(6, frames);
        assertEquals(6 + columns * (128 + 6), png.getWidth());
    }

    @Test
    void anEmptyFilmstripIsAnError() {
        assertThrows(IllegalStateException.class, () -> new Filmstrip().render("nothing"));
    }
}
