package dev.vla4j.sim;

import java.util.List;

/**
 * A block kind: colour × shape. {@link #BLOCK_4} and {@link #BLOCK_8} are Language-Table's sets; the four blocks of
 * {@link #BLOCK_8} outside {@link #BLOCK_4} serve as distractors for BLOCK_4 scenes.
 */
public record Block(BlockColor color, BlockShape shape) {
    /** Red moon, blue cube, green star, yellow pentagon. */
    public static final List<Block> BLOCK_4 = List.of(
            new Block(BlockColor.RED, BlockShape.MOON), new Block(BlockColor.BLUE, BlockShape.CUBE),
            new Block(BlockColor.GREEN, BlockShape.STAR), new Block(BlockColor.YELLOW, BlockShape.PENTAGON));
    /** BLOCK_4 plus red pentagon, blue moon, green cube, yellow star: two of each colour and of each shape. */
    public static final List<Block> BLOCK_8 = List.of(
            BLOCK_4.get(0), BLOCK_4.get(1), BLOCK_4.get(2), BLOCK_4.get(3),
            new Block(BlockColor.RED, BlockShape.PENTAGON), new Block(BlockColor.BLUE, BlockShape.MOON),
            new Block(BlockColor.GREEN, BlockShape.CUBE), new Block(BlockColor.YELLOW, BlockShape.STAR));

    /** Validates the parts. */
    public Block {
        if (color == null || shape == null) {
            throw new IllegalArgumentException("a block needs a colour and a shape, got " + color + " " + shape);
        }
    }

    /** "red moon". */
    public String words() {
        return color.word() + " " + shape.word();
    }
}
