package dev.vla4j.sim;

/** The four Language-Table block colours with their nominal sRGB values (0xRRGGBB). */
public enum BlockColor {
    RED(0xD62828),
    BLUE(0x2F5FD0),
    GREEN(0x2E9E48),
    YELLOW(0xF2C916);

    private final int rgb;

    BlockColor(int rgb) {
        this.rgb = rgb;
    }

    /** Nominal colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** Lower-case word used in instructions, e.g. "red". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
