package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Episode 100000 of block-to-side has a block on the straight line: the aim is a waypoint, not the target. */
    @Test
    void theAimIsAWaypointWhenABlockIsInTheWay() {
        TableEnv env = new TableEnv("langtable-spatial", "block-to-side", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(100000);
        float[] state = env.state().environmentState();
        assertTrue(Math.hypot(state[4] - state[2], state[5] - state[3]) > 0.05, Arrays.toString(state));
    }
}
