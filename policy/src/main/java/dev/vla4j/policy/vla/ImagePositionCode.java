package dev.vla4j.policy.vla;

/**
 * The fixed 2-D sine-cosine code of an image token's grid cell ({@link VlaConfig#imagePositions}): for a token in row
 * r and column c of a g×g grid and width D = 4q, dimensions [0, q) hold sin(r·ω_k), [q, 2q) cos(r·ω_k), [2q, 3q)
 * sin(c·ω_k) and [3q, 4q) cos(c·ω_k), with ω_k = 100^(−k/q): the slowest wave turns less than a radian across the
 * grid, so every cell has its own code, and the fastest tells neighbours apart.
 */
final class ImagePositionCode {
    private static final double BASE = 100;

    private ImagePositionCode() {
    }

    /** The codes of a g×g grid, row-major like the tokens: (g·g, D) flattened. */
    static float[] table(int grid, int dim) {
        if (grid < 1 || dim < 4 || dim % 4 != 0) {
            throw new IllegalArgumentException("a position code needs a grid ≥ 1 and a width divisible by 4, got "
                    + grid + " and " + dim);
        }
        int q = dim / 4;
        float[] codes = new float[grid * grid * dim];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                int row = (r * grid + c) * dim;
                for (int k = 0; k < q; k++) {
                    double omega = Math.pow(BASE, -(double) k / q);
                    codes[row + k] = (float) Math.sin(r * omega);
                    codes[row + q + k] = (float) Math.cos(r * omega);
                    codes[row + 2 * q + k] = (float) Math.sin(c * omega);
                    codes[row + 3 * q + k] = (float) Math.cos(c * omega);
                }
            }
        }
        return codes;
    }
}
