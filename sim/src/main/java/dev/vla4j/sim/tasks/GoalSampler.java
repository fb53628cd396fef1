package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Board;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws a goal for a scene, or nothing when this scene does not admit a valid one (target off the reachable
 * board, target taken by another block, or the goal already satisfied or too nearly so). Callers then draw a new
 * scene, so invalid starts are rejected deterministically from the episode's random stream.
 */
@FunctionalInterface
public interface GoalSampler {
    /** A goal valid for {@code scene}, drawn from {@code rng}, or empty. */
    Optional<Goal> sample(Scene scene, SplittableRandom rng);

    /** Margin inside the board for target points, so a pusher can get behind the block. */
    double REACHABLE_MARGIN = 0.05;
    /** A goal's block must start at least this much farther than its success radius. */
    double START_MARGIN = 0.05;

    /** Any task block to one of {@code locations}. */
    static GoalSampler absolute(List<Location> locations) {
        return (s, rng) -> {
            int b = rng.nextInt(s.taskBlocks());
            Location l = locations.get(rng.nextInt(locations.size()));
            boolean far = s.distance(b, l.x(), l.y()) >= l.radius() + START_MARGIN;
            return far ? Optional.of(new AbsoluteLocationGoal(b, l)) : Optional.empty();
        };
    }

    /** Any task block moved near (0.15 m) or far (0.25 m) in one of the eight directions. */
    static GoalSampler relative(List<Boolean> magnitudes) {
        return (s, rng) -> {
            int b = rng.nextInt(s.taskBlocks());
            Direction d = Direction.values()[rng.nextInt(Direction.values().length)];
            RelativeLocationGoal g = RelativeLocationGoal.from(s, b, d, magnitudes.get(rng.nextInt(magnitudes.size())));
            return reachable(g.targetX(), g.targetY()) ? Optional.of(g) : Optional.empty();
        };
    }

    /** Task block {@code block} to task block {@code target}; a negative index means "drawn". */
    static GoalSampler blockToBlock(int block, int target) {
        return (s, rng) -> {
            int[] pair = pair(s, rng, block, target);
            BlockToBlockGoal g = new BlockToBlockGoal(pair[0], pair[1]);
            return s.distance(pair[0], pair[1]) >= BlockToBlockGoal.RADIUS_M + 2 * START_MARGIN
                    ? Optional.of(g) : Optional.empty();
        };
    }

    /** A drawn task block beside another in a drawn direction. */
    static GoalSampler beside() {
        return (s, rng) -> {
            int[] pair = pair(s, rng, -1, -1);
            Direction d = Direction.values()[rng.nextInt(Direction.values().length)];
            BesideBlockGoal g = new BesideBlockGoal(pair[0], pair[1], d, s.x(pair[1]), s.y(pair[1]));
            double[] t = g.pushTarget(s);
            boolean ok = reachable(t[0], t[1]) && !s.occupied(t[0], t[1], 0.05, pair[0])
                    && s.distance(pair[0], t[0], t[1]) >= 2 * START_MARGIN && !g.satisfied(s);
            return ok ? Optional.of(g) : Optional.empty();
        };
    }

    /** A task block that touches other task blocks, pushed away from them. */
    static GoalSampler separate() {
        return (s, rng) -> {
            List<Integer> joined = new ArrayList<>();
            for (int i = 0; i < s.taskBlocks(); i++) {
                if (!neighbours(s, i).isEmpty()) {
                    joined.add(i);
                }
            }
            if (joined.isEmpty()) {
                return Optional.empty();
            }
            int b = joined.get(rng.nextInt(joined.size()));
            SeparateBlocksGoal g = SeparateBlocksGoal.from(s, b, neighbours(s, b));
            boolean ok = reachable(g.targetX(), g.targetY()) && !s.occupied(g.targetX(), g.targetY(), 0.05, b)
                    && s.distance(b, g.targetX(), g.targetY()) >= SeparateBlocksGoal.RADIUS_M + 0.012;
            return ok ? Optional.of(g) : Optional.empty();
        };
    }

    /** One of {@code options}, drawn uniformly; if it has no valid goal, the others in order. */
    static GoalSampler anyOf(List<GoalSampler> options) {
        return (s, rng) -> {
            int first = rng.nextInt(options.size());
            for (int k = 0; k < options.size(); k++) {
                Optional<Goal> g = options.get((first + k) % options.size()).sample(s, rng);
                if (g.isPresent()) {
                    return g;
                }
            }
            return Optional.empty();
        };
    }

    private static boolean reachable(double x, double y) {
        return Board.inside(x, y, REACHABLE_MARGIN);
    }

    private static int[] pair(Scene s, SplittableRandom rng, int block, int target) {
        int a = block >= 0 ? block : rng.nextInt(s.taskBlocks());
        int b = target >= 0 ? target : (a + 1 + rng.nextInt(s.taskBlocks() - 1)) % s.taskBlocks();
        return new int[] {a, b};
    }

    private static List<Integer> neighbours(Scene s, int b) {
        List<Integer> n = new ArrayList<>();
        for (int j = 0; j < s.taskBlocks(); j++) {
            if (j != b && s.distance(b, j) < SeparateBlocksGoal.JOINED_M) {
                n.add(j);
            }
        }
        return n;
    }
}
