package dev.vla4j.sim.tasks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * separate_blocks: push a block that touches others (centres closer than 0.08 m) to the point 0.1 m from the
 * centroid of those others, straight away from them; success within 0.025 m of that point. The point is fixed when
 * the instruction is given.
 */
public record SeparateBlocksGoal(int block, List<Integer> avoid, double targetX, double targetY) implements Goal {
    /** Blocks closer than this are "joined". */
    public static final double JOINED_M = 0.08;
    /** Distance of the target point from the centroid of the avoided blocks. */
    public static final double MAGNITUDE_M = 0.1;
    /** Success radius. */
    public static final double RADIUS_M = 0.025;

    /** Validates the avoided set. */
    public SeparateBlocksGoal {
        avoid = List.copyOf(avoid);
        if (avoid.isEmpty() || avoid.contains(block)) {
            throw new IllegalArgumentException("separate_blocks needs other blocks to avoid, got " + avoid);
        }
    }

    /** The goal for separating {@code block} from {@code avoid} in {@code s}. */
    static SeparateBlocksGoal from(Scene s, int block, List<Integer> avoid) {
        double cx = avoid.stream().mapToDouble(s::x).average().orElseThrow();
        double cy = avoid.stream().mapToDouble(s::y).average().orElseThrow();
        double dx = s.x(block) - cx;
        double dy = s.y(block) - cy;
        double n = Math.hypot(dx, dy) + 1e-9;
        return new SeparateBlocksGoal(block, avoid, cx + dx / n * MAGNITUDE_M, cy + dy / n * MAGNITUDE_M);
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
        String name = BlockNames.pick(s.blocks().get(block), s.blocks(), rng);
        List<String> others = avoid.stream().map(i -> BlockNames.pick(s.blocks().get(i), s.blocks(), rng)).toList();
        String group;
        if (avoid.size() == s.blocks().size() - 1 && avoid.size() > 1) {
            group = "rest of the blocks";
        } else if (others.size() <= 2) {
            group = String.join(" and ", others);
        } else {
            group = others.subList(0, others.size() - 1).stream().collect(Collectors.joining(", "))
                    + ", and " + others.get(others.size() - 1);
        }
        return String.format(Phrasebook.pick(book.separateTemplates, rng), name, group);
    }

    @Override
    public String family() {
        return "separate_blocks";
    }
}
