package dev.vla4j.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The four Language-Table block shapes as top-down outlines in metres, each about 4 cm across and centred on its
 * area centroid (so a block's position is a point inside the drawn shape). Physics uses the convex hull of the
 * outline (a star collides like a pentagon, a moon like its hull); rendering draws the outline itself.
 */
public enum BlockShape {
    MOON(moon()),
    CUBE(regular(4, 0.0212, Math.PI / 4)),
    STAR(star()),
    PENTAGON(regular(5, 0.020, Math.PI / 2));

    private final double[][] outline;
    private final double[][] hull;
    private final double radius;

    BlockShape(double[][] rawOutline) {
        this.outline = centred(rawOutline);
        this.hull = convexHull(outline);
        this.radius = Arrays.stream(hull).mapToDouble(p -> Math.hypot(p[0], p[1])).max().orElseThrow();
    }

    /** Outline vertices {x, y} in the block frame (a copy). */
    public double[][] outline() {
        return deepCopy(outline);
    }

    /** Convex hull of the outline, counter-clockwise, in the block frame (a copy). */
    public double[][] hull() {
        return deepCopy(hull);
    }

    /** Distance from the block's origin to its farthest hull vertex, metres. */
    public double radius() {
        return radius;
    }

    /** Lower-case word used in instructions, e.g. "moon". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static double[][] regular(int n, double r, double phase) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = phase + 2 * Math.PI * i / n;
            p[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        return p;
    }

    private static double[][] star() {
        double[][] p = new double[10][];
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 0.022 : 0.010;
            double a = Math.PI / 2 + Math.PI * i / 5;
            p[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        return p;
    }

    /** A crescent: the disc of radius 2 cm minus an equal disc shifted 2.4 cm to the left. */
    private static double[][] moon() {
        double r = 0.020;
        double shift = 0.024;
        double horn = Math.acos(-shift / 2 / r);      // angle of the horns on the outer circle
        double innerHorn = Math.acos(shift / 2 / r);  // the same points seen from the shifted circle
        List<double[]> p = new ArrayList<>();
        int n = 16;
        for (int i = 0; i <= n; i++) {
            double a = -horn + 2 * horn * i / n;
            p.add(new double[] {r * Math.cos(a), r * Math.sin(a)});
        }
        for (int i = 1; i < n; i++) {
            double a = innerHorn - 2 * innerHorn * i / n;
            p.add(new double[] {-shift + r * Math.cos(a), r * Math.sin(a)});
        }
        return p.toArray(new double[0][]);
    }

    private static double[][] centred(double[][] p) {
        double area = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < p.length; i++) {
            double[] a = p[i];
            double[] b = p[(i + 1) % p.length];
            double cross = a[0] * b[1] - b[0] * a[1];
            area += cross;
            cx += (a[0] + b[0]) * cross;
            cy += (a[1] + b[1]) * cross;
        }
        double ox = cx / (3 * area);
        double oy = cy / (3 * area);
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[] {p[i][0] - ox, p[i][1] - oy};
        }
        return out;
    }

    /** Andrew's monotone chain; counter-clockwise, no collinear points. */
    private static double[][] convexHull(double[][] points) {
        double[][] p = deepCopy(points);
        Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double[][] h = new double[2 * p.length][];
        int k = 0;
        for (double[] q : p) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], q) <= 1e-12) {
                k--;
            }
            h[k++] = q;
        }
        for (int i = p.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], p[i]) <= 1e-12) {
                k--;
            }
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, k - 1);
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    private static double[][] deepCopy(double[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i].clone();
        }
        return out;
    }
}
