package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.sim.render.Palette;
import dev.vla4j.sim.tasks.PushRoute;
import dev.vla4j.sim.tasks.RelativeLocationGoal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvironmentStateTest {
    @Test
    void namesTheGoalsBlockItsPushTargetAndWhereItIsPushedNow() {
        TableEnv env = new TableEnv("langtable-spatial", "nudge-block", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(4);
        EnvState state = env.state();
        RelativeLocationGoal goal = (RelativeLocationGoal) state.goal();
        int b = goal.block();
        double[] aim = PushRoute.aim(state.scene(), state.radii(), b, goal.pushTarget(state.scene()));
        assertArrayEquals(new float[] {(float) state.scene().x(b), (float) state.scene().y(b), (float) goal.targetX(),
            (float) goal.targetY(), (float) aim[0], (float) aim[1]}, state.environmentState());
        assertEquals(EnvState.ENVIRONMENT_STATE_NAMES.size(), state.environmentState().length);
    }

    @Test
    void blockImagePositionsGiveEveryKindOnTheTableWhereTheImageShowsItAndLeaveTheOthersAbsent() {
        TableEnv env = new TableEnv("langtable-spatial", "nudge-block", Split.HELD_IN, EnvConfig.DEFAULT);
        Observation obs = env.reset(4);
        EnvState state = env.state();
        float[] positions = env.blockImagePositions();
        assertEquals(TableEnv.BLOCK_IMAGE_POSITION_NAMES.size(), positions.length);
        assertEquals("red_moon_u", TableEnv.BLOCK_IMAGE_POSITION_NAMES.get(0));
        int present = 0;
        for (int kind = 0; kind < Block.BLOCK_8.size(); kind++) {
            int i = state.blocks().indexOf(Block.BLOCK_8.get(kind));
            float[] seen = Arrays.copyOfRange(positions, 3 * kind, 3 * kind + 3);
            if (i < 0) {
                assertArrayEquals(new float[3], seen, Block.BLOCK_8.get(kind).words());
                continue;
            }
            present++;
            assertEquals(1f, seen[2]);
            int column = (int) Math.floor((seen[0] + 1) / 2 * obs.width());
            int row = (int) Math.floor((seen[1] + 1) / 2 * obs.height());
            int colour = Palette.NOMINAL.block(Block.BLOCK_8.get(kind).color());
            assertTrue(colourNear(obs, row, column, colour), Block.BLOCK_8.get(kind).words()
                    + " is drawn within 2 pixels of its recorded image position");
        }
        assertEquals(state.blocks().size(), present, "each block on the table is one kind");
    }

    @Test
    void goalImagePositionsAreTheEnvironmentStatesPointsWhereTheImageShowsThem() {
        TableEnv env = new TableEnv("langtable-spatial", "nudge-block", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(4);
        float[] metres = env.state().environmentState();
        float[] image = env.goalImagePositions();
        assertEquals(TableEnv.GOAL_IMAGE_POSITION_NAMES.size(), image.length);
        for (int i = 0; i < metres.length; i += 2) {
            double[] pixel = env.projectToPixel(metres[i], metres[i + 1]);
            assertEquals(2 * pixel[0] / 128 - 1, image[i], 1e-6, TableEnv.GOAL_IMAGE_POSITION_NAMES.get(i));
            assertEquals(2 * pixel[1] / 128 - 1, image[i + 1], 1e-6, TableEnv.GOAL_IMAGE_POSITION_NAMES.get(i + 1));
        }
        int kind = Block.BLOCK_8.indexOf(env.state().blocks().get(env.state().goal().block()));
        assertEquals(env.blockImagePositions()[3 * kind], image[0], 1e-6, "the named block is one of the blocks");
    }

    private static boolean colourNear(Observation obs, int row, int column, int rgb) {
        for (int r = Math.max(0, row - 2); r <= Math.min(obs.height() - 1, row + 2); r++) {
            for (int c = Math.max(0, column - 2); c <= Math.min(obs.width() - 1, column + 2); c++) {
                int i = (r * obs.width() + c) * 3;
                int drawn = (obs.rgb()[i] & 255) << 16 | (obs.rgb()[i + 1] & 255) << 8 | obs.rgb()[i + 2] & 255;
                if (drawn == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Episode 100000 of block-to-side has a block on the straight line: the aim is a waypoint, not the target. */
    @Test
    void theAimIsAWaypointWhenABlockIsInTheWay() {
        TableEnv env = new TableEnv("langtable-spatial", "block-to-side", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(100000);
        float[] state = env.state().environmentState();
        assertTrue(Math.hypot(state[4] - state[2], state[5] - state[3]) > 0.05, Arrays.toString(state));
    }
}
