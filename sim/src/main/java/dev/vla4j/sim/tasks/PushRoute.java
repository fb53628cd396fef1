package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Board;

/**
 * Where a block should be pushed now on its way to a target: the target itself, or, when another block lies near the
 * straight line (and does not itself sit on the target), a waypoint beside the first such block. A function of the
 * scene alone, shared by the scripted expert (which pushes towards it) and the privileged environment state (which
 * names it, so that a policy reading that state can know what the expert knows).
 */
public final class PushRoute {
    private static final double CLEARANCE = 0.005;
    private static final double SIDESTEP = 0.03;

    private PushRoute() {
    }

    /** The next point for block {@code b} of {@code s} (collision radii {@code radii}) on its way to {@code target}. */
    public static double[] aim(Scene s, double[] radii, int b, double[] target) {
        double px = s.x(b);
        double py = s.y(b);
        double dx = target[0] - px;
        double dy = target[1] - py;
        double len2 = dx * dx + dy * dy;
        int blocking = -1;
        double firstT = Double.POSITIVE_INFINITY;
        for (int o = 0; o < s.blocks().size(); o++) {
            double clearance = radii[b] + radii[o] + CLEARANCE;
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
        double offset = radii[b] + radii[blocking] + SIDESTEP;
        for (int flip = 0; flip < 2; flip++, side = -side) {
            double wx = ox + side * (-dy / len) * offset;
            double wy = oy + side * (dx / len) * offset;
            if (Board.inside(wx, wy, 0.05)) {
                return new double[] {wx, wy};
            }
        }
        return target;
    }
}
