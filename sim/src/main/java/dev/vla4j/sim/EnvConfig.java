package dev.vla4j.sim;

/**
 * Environment settings.
 *
 * @param imageSize side of the square RGB camera image, 64–224 px
 * @param substeps  physics steps per 10 Hz control step, 1–100
 */
public record EnvConfig(int imageSize, int substeps) {
    /** 128 px images, 10 physics substeps (100 Hz). */
    public static final EnvConfig DEFAULT = new EnvConfig(128, 10);

    /** Validates the ranges. */
    public EnvConfig {
        if (imageSize < 64 || imageSize > 224) {
            throw new IllegalArgumentException("imageSize must be within 64..224 px, got " + imageSize);
        }
        if (substeps < 1 || substeps > 100) {
            throw new IllegalArgumentException("substeps must be within 1..100, got " + substeps);
        }
    }

    /** This config with another image size. */
    public EnvConfig withImageSize(int size) {
        return new EnvConfig(size, substeps);
    }
}
