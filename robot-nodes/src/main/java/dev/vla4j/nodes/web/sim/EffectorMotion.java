package dev.vla4j.nodes.web.sim;

import dev.vla4j.sim.Board;
import dev.vla4j.sim.TableEnv;

/** Where an action {dx, dy} takes the end effector if nothing is in the way: clamped per step, then to the board. */
final class EffectorMotion {
    private EffectorMotion() {
    }

    static double[] after(double x, double y, float[] action) {
        return new double[] {
            Board.clamp(x + Board.clamp(action[0], -TableEnv.MAX_DELTA_M, TableEnv.MAX_DELTA_M), Board.X_MIN,
                    Board.X_MAX),
            Board.clamp(y + Board.clamp(action[1], -TableEnv.MAX_DELTA_M, TableEnv.MAX_DELTA_M), Board.Y_MIN,
                    Board.Y_MAX)};
    }
}
