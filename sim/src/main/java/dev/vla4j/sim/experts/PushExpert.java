package dev.vla4j.sim.experts;

import dev.vla4j.sim.Board;
import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.physics.PlanarWorld;
import dev.vla4j.sim.tasks.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripted obstacle-aware pusher for every family (specs/sim.md §5.3), stateless and deterministic: each step it
 * reads the goal's block and push target from the privileged state and
 * <ol>
 *   <li>routes the block: if another block lies near the straight block→target line (and does not itself sit on
 *       the target, as the target block of block2block does), it aims the block at a waypoint beside that
 *       obstacle first;</li>
 *   <li>picks a push direction towards that aim whose pre-push point (behind the block) is on the board and free,
 *       turning up to ±90° when it is not;</li>
 *   <li>if the end effector is behind the block and on the push line, pushes: up to 3 cm per step, re-centring
 *       sideways onto the line, slowing to 4 mm per step near the target;</li>
 *   <li>otherwise goes to the pre-push point along an A* path ({@link GridPlanner}) around all blocks,
 *       at most 5 cm per step.</li>
 * </ol>
 */
public final class PushExpert implements Controller {
    private static final double R_PUSHER = PlanarWorld.PUSHER_RADIUS_M;
    private static final double AVOID_SLACK = 0.008;
    private static final double PRE_PUSH_SLACK = 0.014;
    private static final double LATERAL_TOLERANCE = 0.01;
    private static final double MAX_PUSH = 0.03;
    private static final double MIN_PUSH = 0.004;
    private static final double MAX_TRAVEL = 0.05;
    private static final double ROUTE_CLEARANCE = 0.005;
    private static final double[] TURNS = {0, Math.PI / 6, -Math.PI / 6, Math.PI / 3, -Math.PI / 3, Math.PI / 2,
        -Math.PI / 2};

    @Override
    public float[] act(Observation observation, EnvState state) {
        Scene scene = state.scene();
        int b = state.goal().block();
        double px = scene.x(b);
        double py = scene.y(b);
        double[] target = state.goal().pushTarget(scene);
        double[] aim = routeAim(scene, state.radii(), b, target);
        double[] dir = pushDirection(scene, state.radii(), b, aim);
        double relX = state.eeX() - px;
        double relY = state.eeY() - py;
        double along = relX * dir[0] + relY * dir[1];
        double lateral = -relX * dir[1] + relY * dir[0];
        double preDistance = state.radii()[b] + R_PUSHER + PRE_PUSH_SLACK;
        double contact = state.radii()[b] + R_PUSHER;
        if (along <= -0.6 * contact && along >= -(preDistance + 0.015) && Math.abs(lateral) < LATERAL_TOLERANCE) {
            boolean finalLeg = aim == target;
            double remaining = Math.hypot(target[0] - px, target[1] - py);
            double push = finalLeg ? Board.clamp(0.8 * remaining, MIN_PUSH, MAX_PUSH) : MAX_PUSH;
            double gap = Math.max(0, -along - contact);
            double forward = Math.min(MAX_PUSH, push + gap);
            return new float[] {(float) (dir[0] * forward + dir[1] * lateral),
                (float) (dir[1] * forward - dir[0] * lateral)};
        }
        double qx = px - dir[0] * preDistance;
        double qy = py - dir[1] * preDistance;
        return travel(state, qx, qy);
    }

    /** The next point for the block: the target, or a waypoint around the first block in the way. */
    private static double[] routeAim(Scene s, double[] radii, int b, double[] target) {
        double px = s.x(b);
        double py = s.y(b);
        double dx = target[0] - px;
        double dy = target[1] - py;
        double len2 = dx * dx + dy * dy;
        int blocking = -1;
        double firstT = Double.POSITIVE_INFINITY;
        for (int o = 0; o < s.blocks().size(); o++) {
            double clearance = radii[b] + radii[o] + ROUTE_CLEARANCE;
            if (o == b || len2 < 1e-12 || s.distance(o, target[0], target[1]) < radii[b] + radii[o]) {
                continue;
            }
            double t = ((s.x(o) - px) * dx + (s.y(o) - py) * dy) / len2;
            if (t <= 0 || t >= 1) {
                continue;
            }
            double cx = px + t * dx;
            double cy = py + t * dy;
            if (s.distance(o, cx, cy) < clearance && t < firstT) {
                firstT = t;
                blocking = o;
            }
        }
        if (blocking < 0) {
            return target;
        }
        double ox = s.x(blocking);
        double oy = s.y(blocking);
        double len = Math.sqrt(len2);
        double side = (px - ox) * (-dy / len) + (py - oy) * (dx / len) >= 0 ? 1 : -1;
        double offset = radii[b] + radii[blocking] + 0.03;
        for (int flip = 0; flip < 2; flip++, side = -side) {
            double wx = ox + side * (-dy / len) * offset;
            double wy = oy + side * (dx / len) * offset;
            if (Board.inside(wx, wy, 0.05)) {
                return new double[] {wx, wy};
            }
        }
        return target;
    }

    /** Unit push direction towards {@code aim}, turned until the pre-push point is reachable and free. */
    private static double[] pushDirection(Scene s, double[] radii, int b, double[] aim) {
        double base = Math.atan2(aim[1] - s.y(b), aim[0] - s.x(b));
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

    /** A step of at most {@value #MAX_TRAVEL} m along an A* path to (x, y) around every block. */
    private static float[] travel(EnvState state, double x, double y) {
        Scene s = state.scene();
        List<double[]> discs = new ArrayList<>();
        for (int o = 0; o < s.blocks().size(); o++) {
            discs.add(new double[] {s.x(o), s.y(o), state.radii()[o] + R_PUSHER + AVOID_SLACK});
        }
        List<double[]> path = GridPlanner.plan(state.eeX(), state.eeY(), x, y, discs);
        double ex = state.eeX();
        double ey = state.eeY();
        double[] next = path.get(path.size() - 1);
        double walked = 0;
        double lastX = ex;
        double lastY = ey;
        for (double[] p : path) {
            walked += Math.hypot(p[0] - lastX, p[1] - lastY);
            if (walked > MAX_TRAVEL) {
                next = p;
                break;
            }
            lastX = p[0];
            lastY = p[1];
        }
        double dx = next[0] - ex;
        double dy = next[1] - ey;
        double n = Math.hypot(dx, dy);
        double k = n > MAX_TRAVEL ? MAX_TRAVEL / n : 1;
        return new float[] {(float) (dx * k), (float) (dy * k)};
    }
}
