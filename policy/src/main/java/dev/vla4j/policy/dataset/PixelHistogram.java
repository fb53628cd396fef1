package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;

/**
 * Per-channel statistics of an image feature's pixels, scaled to [0, 1] as LeRobot reports them, from a
 * 256-bin histogram per channel. Because pixels are 8-bit, the histogram holds the data exactly: min, max,
 * mean, std and the quantiles (numpy's linear interpolation over all pixels) are exact, in constant memory,
 * over every pixel of every image (LeRobot samples and downsamples images; we do not need to).
 */
final class PixelHistogram {
    private final long[][] counts = new long[3][256];
    private long images;

    void add(RgbImage image) {
        byte[] rgb = image.rgb();
        long[] r = counts[0];
        long[] g = counts[1];
        long[] b = counts[2];
        for (int i = 0; i < rgb.length; i += 3) {
            r[rgb[i] & 0xFF]++;
            g[rgb[i + 1] & 0xFF]++;
            b[rgb[i + 2] & 0xFF]++;
        }
        images++;
    }

    void addAll(PixelHistogram other) {
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                counts[c][v] += other.counts[c][v];
            }
        }
        images += other.images;
    }

    long images() {
        return images;
    }

    /** The statistics so far, per channel in [0, 1]; {@code count} is the number of images. */
    FeatureStats result() {
        if (images == 0) {
            throw new IllegalStateException("no images were added");
        }
        double[] min = new double[3];
        double[] max = new double[3];
        double[] mean = new double[3];
        double[] std = new double[3];
        double[][] quantiles = new double[FeatureStats.QUANTILES.length][3];
        for (int c = 0; c < 3; c++) {
            long[] h = counts[c];
            long n = 0;
            double sum = 0;
            int lo = 255;
            int hi = 0;
            for (int v = 0; v < 256; v++) {
                if (h[v] > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    n += h[v];
                    sum += (double) v * h[v];
                }
            }
            double mu = sum / n;
            double squares = 0;
            for (int v = lo; v <= hi; v++) {
                squares += h[v] * (v - mu) * (v - mu);
            }
            min[c] = lo / 255.0;
            max[c] = hi / 255.0;
            mean[c] = mu / 255.0;
            std[c] = Math.sqrt(squares / n) / 255.0;
            for (int q = 0; q < FeatureStats.QUANTILES.length; q++) {
                double rank = (n - 1) * FeatureStats.QUANTILES[q];
                long below = (long) Math.floor(rank);
                int a = valueAtRank(h, below);
                int b = valueAtRank(h, Math.min(below + 1, n - 1));
                quantiles[q][c] = (a + (rank - below) * (b - a)) / 255.0;
            }
        }
        return new FeatureStats(min, max, mean, std, images, quantiles);
    }

    /** The value at 0-based position {@code rank} of the sorted pixels. */
    private static int valueAtRank(long[] h, long rank) {
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += h[v];
            if (seen > rank) {
                return v;
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + seen + " pixels");
    }
}
