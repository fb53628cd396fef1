package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.sim.render.Palette;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RenderingTest {
    @Test
    void eachBlockShowsItsColourAtItsProjectedCentre() {
        for (long seed = 0; seed < 5; seed++) {
            TableEnv env = new TableEnv("langtable-object", "red-moon-to-blue-cube", Split.HELD_IN, EnvConfig.DEFAULT);
            Observation o = env.reset(seed);
            EnvState s = env.state();
            for (int i = 0; i < s.blocks().size(); i++) {
                double[] px = env.projectToPixel(s.poses()[i][0], s.poses()[i][1]);
                int colour = o.pixel((int) px[0], (int) px[1]);
                assertEquals(Palette.NOMINAL.block(s.blocks().get(i).color()), colour,
                        "seed " + seed + ", " + s.blocks().get(i).words() + " at pixel " + Arrays.toString(px));
            }
            double[] ee = env.projectToPixel(s.eeX(), s.eeY());
            assertEquals(Palette.NOMINAL.pusher(), o.pixel((int) ee[0], (int) ee[1]));
            double[] corner = env.projectToPixel(Board.X_MIN + 0.01, Board.Y_MIN + 0.01);
            assertEquals(Palette.NOMINAL.table(), o.pixel((int) corner[0], (int) corner[1]));
            assertEquals(Palette.NOMINAL.floor(), o.pixel(0, 0), "outside the board");
        }
    }

    @Test
    void boardAxesMapToImageRowsAndColumns() {
        TableEnv env = new TableEnv("langtable-spatial", "block-to-center", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(0);
        double[] near = env.projectToPixel(Board.X_MIN, 0);
        double[] far = env.projectToPixel(Board.X_MAX, 0);
        double[] left = env.projectToPixel(Board.CENTER_X, Board.Y_MIN);
        assertTrue(near[1] < far[1], "the robot's side (small x) is the top of the image");
        assertTrue(left[0] < 5, "left (−y) is the left of the image");
    }

    @Test
    void perturbationSplitKeepsTheGoalButChangesCameraColoursWordingAndBlocks() {
        for (long seed = 0; seed < 5; seed++) {
            TableEnv in = new TableEnv("langtable-goal", "block-to-block", Split.HELD_IN, EnvConfig.DEFAULT);
            TableEnv out = new TableEnv("langtable-goal", "block-to-block", Split.PERTURBED, EnvConfig.DEFAULT);
            Observation a = in.reset(seed);
            Observation b = out.reset(seed);
            EnvState sa = in.state();
            EnvState sb = out.state();
            assertEquals(sa.goal(), sb.goal(), "same goal for the same seed");
            assertArrayEquals(sa.poses()[0], sb.poses()[0]);
            assertEquals(sa.blocks().size() + 2, sb.blocks().size(), "two distractors");
            assertNotEquals(a.instruction(), b.instruction());
            assertFalse(Arrays.equals(a.rgb(), b.rgb()));
            assertFalse(Arrays.equals(in.projectToPixel(0.3, 0.1), out.projectToPixel(0.3, 0.1)), "camera jitter");
        }
    }

    private static void assertArrayEquals(double[] a, double[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }
}
