package dev.vla4j.perception.vision;

/**
 * Bicubic resampling of 8-bit RGB the way Pillow's {@code Image.resize(size, BICUBIC)} does it (its
 * {@code Resample.c}): a separable cubic filter (a = −0.5, support 2) widened by the scale factor when shrinking
 * (antialiasing), coefficients normalised per output pixel and rounded to 22-bit fixed point, a horizontal pass
 * then a vertical pass, each rounding and clamping to 0…255.
 */
final class PilBicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double A = -0.5;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {}

    /** Resizes interleaved RGB ({@code rgb[(y·w + x)·3 + c]}) from w×h to outW×outH. */
    static byte[] resize(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        byte[] image = rgb;
        int w = width;
        if (outWidth != width) {
            image = pass(image, width, height, outWidth, true);
            w = outWidth;
        }
        if (outHeight != height) {
            image = pass(image, w, height, outHeight, false);
        }
        return image == rgb ? rgb.clone() : image;
    }

    /** One 1-D pass along x ({@code horizontal}) or y; the other axis keeps its size. */
    private static byte[] pass(byte[] in, int width, int height, int outSize, boolean horizontal) {
        int inSize = horizontal ? width : height;
        Coefficients coefficients = Coefficients.of(inSize, outSize);
        int outWidth = horizontal ? outSize : width;
        int outHeight = horizontal ? height : outSize;
        int lines = horizontal ? height : width;
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < outSize; o++) {
                int first = coefficients.first[o];
                int[] weights = coefficients.weights[o];
                for (int c = 0; c < 3; c++) {
                    long sum = 1L << (PRECISION_BITS - 1);
                    for (int t = 0; t < weights.length; t++) {
                        int i = first + t;
                        int pixel = horizontal ? line * width + i : i * width + line;
                        sum += (in[pixel * 3 + c] & 0xFF) * (long) weights[t];
                    }
                    int target = horizontal ? line * outWidth + o : o * outWidth + line;
                    out[target * 3 + c] = (byte) Math.max(0, Math.min(255, sum >> PRECISION_BITS));
                }
            }
        }
        return out;
    }

    /** Pillow's {@code bicubic_filter}. */
    static double filter(double x) {
        double t = Math.abs(x);
        if (t < 1.0) {
            return ((A + 2.0) * t - (A + 3.0)) * t * t + 1;
        }
        if (t < 2.0) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0.0;
    }

    /** Per output pixel: the first input index it reads and its fixed-point weights ({@code precompute_coeffs}). */
    private record Coefficients(int[] first, int[][] weights) {
        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int[] first = new int[outSize];
            int[][] weights = new int[outSize][];
            for (int o = 0; o < outSize; o++) {
                double centre = (o + 0.5) * scale;
                int min = Math.max((int) (centre - support + 0.5), 0);
                int count = Math.min((int) (centre + support + 0.5), inSize) - min;
                double[] k = new double[count];
                double total = 0;
                for (int t = 0; t < count; t++) {
                    k[t] = filter((t + min - centre + 0.5) / filterScale);
                    total += k[t];
                }
                weights[o] = new int[count];
                for (int t = 0; t < count; t++) {
                    double normalised = total != 0.0 ? k[t] / total : k[t];
                    double fixed = normalised * (1 << PRECISION_BITS);
                    weights[o][t] = (int) (normalised < 0 ? fixed - 0.5 : fixed + 0.5);
                }
                first[o] = min;
            }
            return new Coefficients(first, weights);
        }
    }
}
