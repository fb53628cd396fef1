package dev.vla4j.sim.render;

import dev.vla4j.sim.BlockColor;
import java.util.Arrays;

/**
 * Colours of one episode as 0xRRGGBB: the table, the floor around it, the pusher and each {@link BlockColor}
 * (indexed by ordinal). {@link #NOMINAL} is the held-in palette; perturbed episodes get jittered copies.
 */
public record Palette(int table, int floor, int pusher, int[] blocks) {
    /** Nominal colours. */
    public static final Palette NOMINAL = new Palette(0x9A8C78, 0x2A2A2E, 0xE8E8E8,
            Arrays.stream(BlockColor.values()).mapToInt(BlockColor::rgb).toArray());

    /** Validates that every block colour is present. */
    public Palette {
        if (blocks == null || blocks.length != BlockColor.values().length) {
            throw new IllegalArgumentException("a palette needs " + BlockColor.values().length + " block colours");
        }
        blocks = blocks.clone();
    }

    /** Colour of a block of colour {@code c}. */
    public int block(BlockColor c) {
        return blocks[c.ordinal()];
    }

    @Override
    public int[] blocks() {
        return blocks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Palette p && p.table == table && p.floor == floor && p.pusher == pusher
                && Arrays.equals(p.blocks, blocks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * table + floor) + pusher) + Arrays.hashCode(blocks);
    }

    @Override
    public String toString() {
        return String.format("Palette[table=%06x, floor=%06x, pusher=%06x, blocks=%s]", table, floor, pusher,
                Arrays.stream(blocks).mapToObj(b -> String.format("%06x", b)).toList());
    }
}
