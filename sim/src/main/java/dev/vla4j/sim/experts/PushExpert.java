package dev.vla4j.sim.experts;

import dev.vla4j.sim.Board;
import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.physics.PlanarWorld;
import dev.vla4j.sim.tasks.PushRoute;
import dev.vla4j.sim.tasks.Scene;

/**
 * Scripted pusher for every family, stateless, deterministic and written to be imitated: each step is a smooth
 * function of what a camera shows now (the end effector, the named block, where it should go, the board's edges and
 * the blocks beside the named one), with no plan, no remembered mode and no snapped grid directions. It
 * <ol>
 *   <li>aims the block at its target, or, when another block lies near that straight line (and does not itself sit on
 *       the target), at a waypoint beside that block first ({@link PushRoute});</li>
 *   <li>picks the push direction straight from the block towards that aim, turned (up to ±90°, in 30° steps) only
 *       when the pre-push point behind the block would be off the board or inside another block;</li>
 *   <li>if the end effector is behind the block and on the push line, pushes: up to 2 cm per step, re-centring
 *       sideways onto the line, slowing to 4 mm per step near the target;</li>
 *   <li>otherwise travels straight to the pre-push point, at most 3 cm per step; when a block is in the way (the
 *       first one the line crosses) it follows the tangent of a circle around that block instead, on the side
 *       nearer the pre-push point.</li>
 * </ol>
 */
public final class PushExpert implements Controller {
    private static final double R_PUSHER = PlanarWorld.PUSHER_RADIUS_M;
    private static final double AVOID_SLACK = 0.008;
    private static final double PRE_PUSH_SLACK = 0.014;
    private static final double LATERAL_TOLERANCE = 0.01;
    private static final double MAX_PUSH = 0.02;
    /** The longest step the expert makes while pushing (forward plus a sideways re-centring), metres. */
    public static final double MAX_PUSH_STEP_M = Math.hypot(MAX_PUSH, LATERAL_TOLERANCE);
    private static final double MIN_PUSH = 0.004;
    private static final double MAX_TRAVEL = 0.03;
    private static final double MIN_ORBIT_STEP = 0.02;
    private static final double[] TURNS = {0, Math.PI / 6, -Math.PI / 6, Math.PI / 3, -Math.PI / 3, Math.PI / 2,
        -Math.PI / 2};

    @Override
    public float[] act(Observation observation, EnvState state) {
        Scene scene = state.scene();
        int b = state.goal().block();
        double px = scene.x(b);
        double py = scene.y(b);
        double radius = state.radii()[b];
        double[] target = state.goal().pushTarget(scene);
        double[] aim = PushRoute.aim(scene, state.radii(), b, target);
        double[] dir = pushDirection(scene, state.radii(), b, aim);
        double relX = state.eeX() - px;
        double relY = state.eeY() - py;
        double along = relX * dir[0] + relY * dir[1];
        double lateral = -relX * dir[1] + relY * dir[0];
        double preDistance = radius + R_PUSHER + PRE_PUSH_SLACK;
        double contact = radius + R_PUSHER;
        if (along <= -0.6 * contact && along >= -(preDistance + 0.015) && Math.abs(lateral) < LATERAL_TOLERANCE) {
            double remaining = Math.hypot(target[0] - px, target[1] - py);
            double push = aim == target ? Board.clamp(0.8 * remaining, MIN_PUSH, MAX_PUSH) : MAX_PUSH;
            double gap = Math.max(0, -along - contact);
            double forward = Math.min(MAX_PUSH, push + gap);
            return new float[] {(float) (dir[0] * forward + dir[1] * lateral),
                (float) (dir[1] * forward - dir[0] * lateral)};
        }
        double qx = px - dir[0] * preDistance;
        double qy = py - dir[1] * preDistance;
        int obstacle = firstObstacle(scene, state.radii(), state.eeX(), state.eeY(), qx, qy);
        return travel(state.eeX(), state.eeY(), qx, qy, obstacle < 0 ? null : new double[] {scene.x(obstacle),
            scene.y(obstacle), state.radii()[obstacle] + R_PUSHER + AVOID_SLACK});
    }

    /**
     * The block whose circle (its radius plus the pusher's and a slack) the effector is in, or else the first one the
     * straight line from the effector to (qx, qy) would cross; −1 when the way is free.
     */
    private static int firstObstacle(Scene s, double[] radii, double ex, double ey, double qx, double qy) {
        int first = -1;
        double firstT = Double.POSITIVE_INFINITY;
        double dx = qx - ex;
        double dy = qy - ey;
        double length2 = Math.max(dx * dx + dy * dy, 1e-12);
        for (int o = 0; o < s.blocks().size(); o++) {
            double clearance = radii[o] + R_PUSHER + AVOID_SLACK;
            double ox = s.x(o) - ex;
            double oy = s.y(o) - ey;
            if (Math.hypot(ox, oy) < clearance) {
                return o;
            }
            double t = Board.clamp((ox * dx + oy * dy) / length2, 0, 1);
            if (Math.hypot(ox - t * dx, oy - t * dy) < clearance && t < firstT) {
                firstT = t;
                first = o;
            }
        }
        return first;
    }

    /** Unit push direction towards {@code target}, turned until the pre-push point is on the board and free. */
    private static double[] pushDirection(Scene s, double[] radii, int b, double[] target) {
        double base = Math.atan2(target[1] - s.y(b), target[0] - s.x(b));
        double pre = radii[b] + R_PUSHER + PRE_PUSH_SLACK;
        for (double turn : TURNS) {
            double ux = Math.cos(base + turn);
            double uy = Math.sin(base + turn);
            double qx = s.x(b) - ux * pre;
            double qy = s.y(b) - uy * pre;
            if (Board.inside(qx, qy, 0.002) && !blocked(s, radii, b, qx, qy)) {
                return new double[] {ux, uy};
            }
        }
        return new double[] {Math.cos(base), Math.sin(base)};
    }

    private static boolean blocked(Scene s, double[] radii, int except, double x, double y) {
        for (int o = 0; o < s.blocks().size(); o++) {
            if (o != except && s.distance(o, x, y) < radii[o] + R_PUSHER + 0.004) {
                return true;
            }
        }
        return false;
    }

    /**
     * A step of at most {@value #MAX_TRAVEL} m from the effector (ex, ey) towards (qx, qy): straight when
     * {@code around} is null, else round that circle {x, y, radius}: along the tangent that turns less away from
     * (qx, qy) (at least {@value #MIN_ORBIT_STEP} m, so that an effector on the circle moves round it), or, from
     * inside the circle, out of it and round it at once.
     */
    private static float[] travel(double ex, double ey, double qx, double qy, double[] around) {
        double toQx = qx - ex;
        double toQy = qy - ey;
        double dx = toQx;
        double dy = toQy;
        double reach = Math.hypot(toQx, toQy);
        if (around != null) {
            double toPx = around[0] - ex;
            double toPy = around[1] - ey;
            double toP = Math.max(Math.hypot(toPx, toPy), 1e-9);
            double clearance = around[2];
            double[] side;
            if (toP < clearance) {
                double tx = toPy / toP;
                double ty = -toPx / toP;
                double sign = tx * toQx + ty * toQy >= 0 ? 1 : -1;
                side = new double[] {-toPx / toP + sign * tx, -toPy / toP + sign * ty};
                reach = MIN_ORBIT_STEP;
            } else {
                double half = Math.asin(clearance / toP);
                double[] left = rotate(toPx / toP, toPy / toP, half);
                double[] right = rotate(toPx / toP, toPy / toP, -half);
                side = left[0] * toQx + left[1] * toQy >= right[0] * toQx + right[1] * toQy ? left : right;
                reach = Math.max(Math.sqrt(toP * toP - clearance * clearance), MIN_ORBIT_STEP);
            }
            dx = side[0];
            dy = side[1];
        }
        double length = Math.hypot(dx, dy);
        if (length < 1e-12) {
            return new float[] {0, 0};
        }
        double step = Math.min(MAX_TRAVEL, reach);
        return new float[] {(float) (dx / length * step), (float) (dy / length * step)};
    }

    private static double[] rotate(double x, double y, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c * x - s * y, s * x + c * y};
    }
}
