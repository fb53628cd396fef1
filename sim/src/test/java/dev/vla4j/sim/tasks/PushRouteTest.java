package dev.vla4j.sim.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vla4j.sim.Block;
import org.junit.jupiter.api.Test;

class PushRouteTest {
    private static final double[] RADII = {0.02, 0.02, 0.02};

    private static Scene scene(double[]... xy) {
        return new Scene(Block.BLOCK_4.subList(0, xy.length), xy, xy.length);
    }

    @Test
    void aFreeLineAimsAtTheTarget() {
        double[] target = {0.5, 0.0};
        Scene s = scene(new double[] {0.3, 0.0}, new double[] {0.4, 0.2});
        assertSame(target, PushRoute.aim(s, RADII, 0, target));
    }

    @Test
    void aBlockOnTheLineIsPassedBesideItOnTheBlocksOwnSide() {
        double[] target = {0.5, 0.0};
        Scene s = scene(new double[] {0.3, 0.0}, new double[] {0.4, 0.004});
        double[] aim = PushRoute.aim(s, RADII, 0, target);
        // beside block 1, on the side block 0 starts from (−y of block 1), clear of both radii by 3 cm
        assertArrayEquals(new double[] {0.4, 0.004 - 0.07}, aim, 1e-9);
    }

    @Test
    void aBlockSittingOnTheTargetIsNotRoutedAround() {
        double[] target = {0.5, 0.0};
        Scene s = scene(new double[] {0.3, 0.0}, new double[] {0.49, 0.0});
        assertSame(target, PushRoute.aim(s, RADII, 0, target));
        assertEquals(2, s.blocks().size());
    }
}
