package dev.vla4j.sim.tasks;

import java.util.SplittableRandom;

/**
 * block2relativelocation: move the block 0.15 m ("near", worded "slightly") or 0.25 m ("far") in a direction from
 * where it was when the instruction was given; success within 0.10 m of that point.
 */
public record RelativeLocationGoal(int block, Direction direction, boolean far, double targetX, double targetY)
        implements Goal {
    /** Distance of a "near" move. */
    public static final double NEAR_M = 0.15;
    /** Distance of a "far" move. */
    public static final double FAR_M = 0.25;
    /** Success radius. */
    public static final double RADIUS_M = 0.10;

    /** The goal for moving block {@code block} of {@code s} by the given direction and magnitude. */
    static RelativeLocationGoal from(Scene s, int block, Direction direction, boolean far) {
        double m = far ? FAR_M : NEAR_M;
        return new RelativeLocationGoal(block, direction, far,
                s.x(block) + direction.unitX() * m, s.y(block) + direction.unitY() * m);
    }

    @Override
    public boolean satisfied(Scene s) {
        return s.distance(block, targetX, targetY) < RADIUS_M;
    }

    @Override
    public double[] pushTarget(Scene s) {
        return new double[] {targetX, targetY};
    }

    @Override
    public String instruction(Phrasebook book, Scene s, SplittableRandom rng) {
        String verb = Phrasebook.pick(book.verbs, rng);
        String name = BlockNames.pick(s.blocks().get(block), s.blocks(), rng);
        String dir = book.direction(direction, rng);
        if (far) {
            String amount = Phrasebook.pick(book.far, rng);
            return join(verb, name, amount.isEmpty() ? dir : amount + " " + dir);
        }
        String slightly = Phrasebook.pick(book.slightly, rng);
        return rng.nextBoolean() ? join(verb, name, slightly + " " + dir) : join(verb, name, dir + " " + slightly);
    }

    private static String join(String verb, String name, String rest) {
        return verb + " " + name + " " + rest;
    }

    @Override
    public String family() {
        return "block2relativelocation";
    }
}
