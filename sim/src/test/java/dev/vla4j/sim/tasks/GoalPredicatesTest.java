package dev.vla4j.sim.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.sim.Block;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Success predicates on hand-placed scenes, just inside and just outside each Language-Table threshold. */
class GoalPredicatesTest {
    private static Scene scene(double[]... xy) {
        return new Scene(Block.BLOCK_4.subList(0, xy.length), xy, xy.length);
    }

    @Test
    void absoluteLocationUses0115AndCentre010() {
        Location corner = Location.TOP_LEFT;
        AbsoluteLocationGoal g = new AbsoluteLocationGoal(0, corner);
        assertTrue(g.satisfied(scene(new double[] {corner.x() + 0.114, corner.y()}, new double[] {0.5, 0.2})));
        assertFalse(g.satisfied(scene(new double[] {corner.x() + 0.116, corner.y()}, new double[] {0.5, 0.2})));
        AbsoluteLocationGoal c = new AbsoluteLocationGoal(1, Location.CENTER);
        double cx = Location.CENTER.x();
        assertEquals(0.35, cx, 1e-12, "centre x is the reference's, shifted 2.5 cm towards the robot");
        assertTrue(c.satisfied(scene(new double[] {0.2, 0.2}, new double[] {cx, 0.099})));
        assertFalse(c.satisfied(scene(new double[] {0.2, 0.2}, new double[] {cx, 0.101})));
    }

    @Test
    void blockToBlockUses005() {
        BlockToBlockGoal g = new BlockToBlockGoal(0, 1);
        assertTrue(g.satisfied(scene(new double[] {0.3, 0.0}, new double[] {0.3, 0.049})));
        assertFalse(g.satisfied(scene(new double[] {0.3, 0.0}, new double[] {0.3, 0.051})));
        assertThrows(IllegalArgumentException.class, () -> new BlockToBlockGoal(2, 2));
    }

    @Test
    void relativeLocationUses010AroundTheMovedPoint() {
        Scene start = scene(new double[] {0.3, 0.0}, new double[] {0.5, 0.2});
        RelativeLocationGoal g = RelativeLocationGoal.from(start, 0, Direction.LEFT, false);
        assertEquals(0.3, g.targetX(), 1e-12);
        assertEquals(-0.15, g.targetY(), 1e-12, "left is −y, near is 0.15 m");
        assertFalse(g.satisfied(start));
        assertTrue(g.satisfied(scene(new double[] {0.3, -0.051}, new double[] {0.5, 0.2})));
        assertFalse(g.satisfied(scene(new double[] {0.3, -0.049}, new double[] {0.5, 0.2})));
        RelativeLocationGoal far = RelativeLocationGoal.from(start, 0, Direction.UP_RIGHT, true);
        assertEquals(0.3 - 0.25 / Math.sqrt(2), far.targetX(), 1e-12, "up is −x, diagonals are normalised");
    }

    @Test
    void besideBlockUsesTheOffsetLineAndTheDragLimit() {
        BesideBlockGoal g = new BesideBlockGoal(0, 1, Direction.DOWN, 0.3, 0.0);
        assertTrue(g.satisfied(scene(new double[] {0.38, 0.0}, new double[] {0.3, 0.0})), "at the 0.08 m offset");
        assertTrue(g.satisfied(scene(new double[] {0.34, 0.039}, new double[] {0.3, 0.0})), "near 0.5× offset");
        assertFalse(g.satisfied(scene(new double[] {0.38, 0.041}, new double[] {0.3, 0.0})));
        assertFalse(g.satisfied(scene(new double[] {0.22, 0.0}, new double[] {0.3, 0.0})), "wrong side");
        assertFalse(g.satisfied(scene(new double[] {0.44, 0.0}, new double[] {0.36, 0.0})),
                "the target block was dragged 0.06 m");
    }

    @Test
    void separateUses0025AroundAPointAwayFromTheOthers() {
        Scene start = scene(new double[] {0.3, 0.05}, new double[] {0.3, 0.0});
        SeparateBlocksGoal g = SeparateBlocksGoal.from(start, 0, List.of(1));
        assertEquals(0.3, g.targetX(), 1e-6);
        assertEquals(0.1, g.targetY(), 1e-6);
        assertFalse(g.satisfied(start));
        assertTrue(g.satisfied(scene(new double[] {0.3, 0.076}, new double[] {0.3, 0.0})));
        assertFalse(g.satisfied(scene(new double[] {0.3, 0.074}, new double[] {0.3, 0.0})));
    }

    @Test
    void instructionsNameBlocksLikeLanguageTable() {
        List<Block> four = Block.BLOCK_4;
        assertEquals(List.of("red block", "moon", "red moon"), BlockNames.synonyms(four.get(0), four));
        assertEquals(List.of("red moon"), BlockNames.synonyms(Block.BLOCK_8.get(0), Block.BLOCK_8));
        Scene s = scene(new double[] {0.3, 0.0}, new double[] {0.5, 0.2});
        String in = new AbsoluteLocationGoal(0, Location.CENTER).instruction(Phrasebook.HELD_IN, s,
                new SplittableRandom(1));
        assertTrue(in.matches("(push|move|slide|put) the (red block|moon|red moon) to the .+"), in);
        String out = new AbsoluteLocationGoal(0, Location.CENTER).instruction(Phrasebook.HELD_OUT, s,
                new SplittableRandom(1));
        assertTrue(out.matches("(nudge|shove|drag|bring) the .+ to the (centre|middle) of the table"), out);
    }
}
