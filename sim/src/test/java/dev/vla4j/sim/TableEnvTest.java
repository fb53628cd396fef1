package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.sim.tasks.Suites;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TableEnvTest {
    private static TableEnv env(int size) {
        return new TableEnv("langtable-spatial", "block-to-center", Split.HELD_IN,
                EnvConfig.DEFAULT.withImageSize(size));
    }

    @Test
    void observationHasTheDocumentedShapes() {
        for (int size : new int[] {64, 128, 224}) {
            Observation o = env(size).reset(3);
            assertEquals(size, o.width());
            assertEquals(size, o.height());
            assertEquals(size * size * 3, o.rgb().length);
            assertEquals(Observation.PROPRIO_DIM, o.proprio().length);
            assertEquals(0f, o.proprio()[Observation.EE_VX]);
            assertFalse(o.instruction().isBlank());
            BufferedImage img = o.toImage();
            assertEquals(size, img.getWidth());
            assertEquals(o.pixel(5, 7), img.getRGB(5, 7) & 0xFFFFFF);
        }
    }

    @Test
    void actionsAreClampedPerAxisAndToTheBoard() {
        TableEnv env = env(64);
        Observation o = env.reset(3);
        float x0 = o.proprio()[Observation.EE_X];
        float y0 = o.proprio()[Observation.EE_Y];
        StepResult r = env.step(new float[] {-5f, 0.5f});
        float[] p = r.observation().proprio();
        assertEquals(Board.X_MIN, p[Observation.EE_X], 1e-6, "x clamped to the board's near edge");
        assertEquals(y0 + 0.1, p[Observation.EE_Y], 1e-6, "y clamped to 0.1 m per step");
        assertEquals((Board.X_MIN - x0) / 0.1, p[Observation.EE_VX], 1e-4);
        assertEquals(1.0, p[Observation.EE_VY], 1e-4, "velocity is displacement over the 0.1 s step");
        for (int i = 0; i < 5; i++) {
            r = env.step(new float[] {0f, 0.1f});
        }
        assertEquals(Board.Y_MAX, r.observation().proprio()[Observation.EE_Y], 1e-6);
    }

    @Test
    void badActionsAreRejectedWithoutTouchingTheState() {
        TableEnv env = env(64);
        env.reset(5);
        EnvState before = env.state();
        float[][] bad = {{Float.NaN, 0f}, {0f, Float.POSITIVE_INFINITY}, {0.01f}, {0f, 0f, 0f}, null};
        for (float[] a : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(a));
            assertTrue(e.getMessage().contains("action"), e.getMessage());
        }
        EnvState after = env.state();
        assertEquals(before.eeX(), after.eeX());
        assertEquals(before.eeY(), after.eeY());
        for (int i = 0; i < before.poses().length; i++) {
            assertArrayEquals(before.poses()[i], after.poses()[i]);
        }
        env.step(new float[] {0.01f, 0f});
    }

    @Test
    void steppingOutsideAnEpisodeFails() {
        TableEnv env = env(64);
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f, 0f}));
        env.reset(1);
        StepResult r;
        do {
            r = env.step(new float[] {0f, 0f});
        } while (!r.done());
        assertEquals(Suites.STEPS_PER_GOAL, r.info().get("step"));
        assertFalse(r.success());
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f, 0f}));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException suite = assertThrows(IllegalArgumentException.class,
                () -> new TableEnv("langtable-nope", "x", Split.HELD_IN, EnvConfig.DEFAULT));
        assertTrue(suite.getMessage().contains("langtable-spatial") && suite.getMessage().contains("langtable-long"),
                suite.getMessage());
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> new TableEnv("langtable-goal", "fly", Split.HELD_IN, EnvConfig.DEFAULT));
        assertTrue(task.getMessage().contains("'fly'") && task.getMessage().contains("separate-blocks"),
                task.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Split.byId("test"));
        assertTrue(split.getMessage().contains("perturbation"), split.getMessage());
    }

    @Test
    void configsValidateThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EnvConfig(32, 10)).getMessage()
                .contains("imageSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EnvConfig(128, 0)).getMessage()
                .contains("substeps"));
    }

    @Test
    void suitesHaveFixedTaskListsOfAtLeastFour() {
        assertEquals(java.util.List.of("langtable-spatial", "langtable-object", "langtable-goal", "langtable-long"),
                Suites.names());
        Suites.ALL.forEach(s -> assertTrue(s.tasks().size() >= 4, s.name()));
        assertEquals(5, Suites.byName("langtable-long").task("chain-5").goals().size());
    }
}
