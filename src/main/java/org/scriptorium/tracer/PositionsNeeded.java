package org.scriptorium.tracer;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.scriptorium.tracing.TardosCode;

/**
 * About how many positions one leaker's copy must show before the leaker can be named, for an editor told "not enough
 * evidence": the median over simulated leakers, each reading positions with arcsine-distributed biases (as the code
 * draws them) and the leaker's own symbol at each, of the positions at which the bound of the single-source likelihood
 * ratio ({@link Scorer}) falls to the bound a test needs.
 */
final class PositionsNeeded {

    private static final int LEAKERS = 31;
    private static final int MAX = 5_000;
    private static final Map<Long, Integer> CACHE = new ConcurrentHashMap<>();

    private PositionsNeeded() {
    }

    /**
     * @param perTestBound the bound one test must reach (the threshold times the test's weight)
     * @return positions needed, at most {@value #MAX}
     */
    static int forBound(double perTestBound) {
        double target = Math.max(Double.MIN_NORMAL, Math.min(1, perTestBound));
        long bucket = Math.round(Math.log10(target) * 8);
        return CACHE.computeIfAbsent(bucket, b -> search(Math.pow(10, b / 8.0)));
    }

    private static int search(double target) {
        int low = 1;
        int high = MAX;
        if (!enough(high, target)) {
            return MAX;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (enough(mid, target)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static boolean enough(int positions, double target) {
        double t = TardosCode.DEFAULT_CUTOFF;
        double minAngle = Math.asin(Math.sqrt(t));
        double range = Math.PI / 2 - 2 * minAngle;
        SplittableRandom random = new SplittableRandom(20261206L + positions);
        int reached = 0;
        double[] q = new double[positions];
        double[] match = new double[positions];
        double[] mismatch = new double[positions];
        for (int leaker = 0; leaker < LEAKERS; leaker++) {
            double score = 0;
            for (int i = 0; i < positions; i++) {
                double s = Math.sin(minAngle + range * random.nextDouble());
                double p = Math.min(1 - t, Math.max(t, s * s));
                q[i] = random.nextDouble() < p ? p : 1 - p;
                match[i] = Math.log((1 - Scorer.MISREAD) / q[i]);
                mismatch[i] = Math.log(Scorer.MISREAD / (1 - q[i]));
                score += match[i];
            }
            if (AccusationBound.tail(score, q, match, mismatch) <= target) {
                reached++;
            }
        }
        return 2 * reached > LEAKERS;
    }
}
