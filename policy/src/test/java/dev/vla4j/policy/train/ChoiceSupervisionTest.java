package dev.vla4j.policy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The supervision of which block the instruction names: its recorded kind, and the cross-entropy on the choice. */
class ChoiceSupervisionTest {

    @Test
    void theNamedKindIsThePresentBlockAtTheGoalsBlockPosition() {
        float[] goal = {0.25f, -0.5f, 0.9f, 0.9f, 0.3f, -0.4f}; // named block, target, aim (u, v each)
        float[] blocks = {
            0.25f, -0.5f, 0f,      // kind 0: absent, its (u, v) left over at the same point must not count
            -0.6f, 0.1f, 1f,       // kind 1: elsewhere
            0.25f, -0.5f, 1f,      // kind 2: the named block
        };
        assertEquals(2, BatchLoader.namedKind(goal, blocks));
        blocks[7] = -0.49f; // kind 2 moved by 0.01 image units: no recorded block is at the goal's block any more
        assertEquals(-1, BatchLoader.namedKind(goal, blocks));
    }

    @Test
    void theCrossEntropyAveragesOverTheRowsThatHaveATarget() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            float[] scores = {1f, 2f, 0f, /* row 2 has no target */ 5f, -3f, 0f};
            float[] targets = {0f, 1f, 0f, 0f, 0f, 0f};
            double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0)) - 2;
            float loss = Trainer.crossEntropy(manager.create(scores, new Shape(2, 3)),
                    manager.create(targets, new Shape(2, 3))).getFloat();
            assertEquals(expected, loss, 1e-5);
            float none = Trainer.crossEntropy(manager.create(scores, new Shape(2, 3)), manager.zeros(new Shape(2, 3)))
                    .getFloat();
            assertEquals(0, none, 0, "no target, no loss");
        }
    }
}
