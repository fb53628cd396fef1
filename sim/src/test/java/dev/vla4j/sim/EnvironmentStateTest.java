package dev.vla4j.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vla4j.sim.tasks.RelativeLocationGoal;
import org.junit.jupiter.api.Test;

class EnvironmentStateTest {
    @Test
    void namesTheGoalsBlockAndItsPushTarget() {
        TableEnv env = new TableEnv("langtable-spatial", "nudge-block", Split.HELD_IN, EnvConfig.DEFAULT);
        env.reset(4);
        EnvState state = env.state();
        RelativeLocationGoal goal = (RelativeLocationGoal) state.goal();
        int b = goal.block();
        assertArrayEquals(new float[] {(float) state.scene().x(b), (float) state.scene().y(b), (float) goal.targetX(),
            (float) goal.targetY()}, state.environmentState());
        assertEquals(EnvState.ENVIRONMENT_STATE_NAMES.size(), state.environmentState().length);
    }
}
