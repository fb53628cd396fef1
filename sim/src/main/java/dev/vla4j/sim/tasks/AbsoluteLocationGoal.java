package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Board;
import java.util.SplittableRandom;

/** block2absolutelocation: the block's centre within {@link Location#radius()} of the location. */
public record AbsoluteLocationGoal(int block, Location location) implements Goal {
    /** How far inside the board a pusher aims when the location lies on or past an edge. */
    static final double REACH_MARGIN = 0.05;

    @Override
    public boolean satisfied(Scene s) {
        return s.distance(block, location.x(), location.y()) < location.radius();
    }

    @Override
    public double[] pushTarget(Scene s) {
        return new double[] {
            Board.clamp(location.x(), Board.X_MIN + REACH_MARGIN, Board.X_MAX - REACH_MARGIN),
            Board.clamp(location.y(), Board.Y_MIN + REACH_MARGIN, Board.Y_MAX - REACH_MARGIN)};
    }

    @Override
    public String instruction(Phrasebook book, Scene s, SplittableRandom rng) {
        String verb = Phrasebook.pick(book.verbs, rng);
        String name = BlockNames.pick(s.blocks().get(block), s.blocks(), rng);
        return verb + " " + name + " to the " + Phrasebook.pick(location.words(book), rng);
    }

    @Override
    public String family() {
        return "block2absolutelocation";
    }
}
