package org.scriptorium.tracer;

import java.util.SplittableRandom;

/**
 * Summed scores of simulated innocent members. An innocent member's symbol is drawn independently of the leak, so at
 * a position it matches the observed symbol with probability q: drawing that match from a seeded generator is
 * equivalent to deriving a fresh member's symbol from the PRF, and a hundred times faster.
 */
final class InnocentScores {

    private InnocentScores() {}

    static double[] simulate(double[] observedQ, int members, long seed) {
        double[] match = new double[observedQ.length];
        double[] mismatch = new double[observedQ.length];
        for (int i = 0; i < observedQ.length; i++) {
            double q = observedQ[i];
            match[i] = Math.sqrt((1 - q) / q);
            mismatch[i] = -Math.sqrt(q / (1 - q));
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[members];
        for (int m = 0; m < members; m++) {
            double sum = 0;
            for (int i = 0; i < observedQ.length; i++) {
                sum += random.nextDouble() < observedQ[i] ? match[i] : mismatch[i];
            }
            scores[m] = sum;
        }
        return scores;
    }

    static double max(double[] observedQ, int members, long seed) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : simulate(observedQ, members, seed)) {
            max = Math.max(max, s);
        }
        return max;
    }
}
