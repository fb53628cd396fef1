package dev.vla4j.sim.eval;

/**
 * The Wilson score interval for a success rate (specs/sim.md §5.7): unlike the normal approximation it stays
 * inside [0, 1] and is honest at 0/N and N/N, which small evaluations hit often.
 */
public record WilsonInterval(double low, double high) {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public static WilsonInterval of(long successes, long trials) {
        return of(successes, trials, Z95);
    }

    public static WilsonInterval of(long successes, long trials, double z) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got " + successes + "/" + trials);
        }
        double p = (double) successes / trials;
        double z2 = z * z;
        double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        double half = z / (1 + z2 / trials) * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        // At 0/N and N/N the bound is exactly 0 or 1; rounding must not put the rate outside its interval.
        return new WilsonInterval(successes == 0 ? 0 : Math.max(0, centre - half),
                successes == trials ? 1 : Math.min(1, centre + half));
    }
}
