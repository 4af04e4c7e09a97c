package org.scriptorium.tracer;

import java.util.Objects;

/** How unlikely an innocent member's score is. */
public final class AccusationBound {

    /** The largest λ tried; past it the bound is already far below anything reported. */
    private static final double MAX_LAMBDA = 50;

    private AccusationBound() {}

    /**
     * An upper bound on P(S ≥ score) for an innocent member, where S is the sum of that member's
     * {@link TardosCode#score(boolean, boolean, double) scores} at the given positions. An innocent member's symbol
     * is drawn independently of the leak, so at position i it matches the observed one with probability q_i and the
     * score U_i is a_i = √((1 − q_i)/q_i) with probability q_i and −1/a_i otherwise. The bound is Chernoff's,
     * min over λ in (0, 50] of exp(−λ·score)·Π E[exp(λ·U_i)], computed in log space.
     *
     * @param score the member's summed score
     * @param observedQ q_i = P(innocent symbol == observed symbol) at each position read, each in (0, 1)
     * @return the bound, in (0, 1]; exactly 1 for a score ≤ 0
     * @throws IllegalArgumentException if the score is NaN or some q_i lies outside (0, 1)
     */
    public static double falseAccusation(double score, double[] observedQ) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("the score is NaN");
        }
        double[] q = Objects.requireNonNull(observedQ, "observedQ").clone();
        double[] a = new double[q.length];
        for (int i = 0; i < a.length; i++) {
            if (!(q[i] > 0 && q[i] < 1)) {
                throw new IllegalArgumentException("q must lie in (0, 1), not " + q[i] + " at " + i);
            }
            a[i] = Math.sqrt((1 - q[i]) / q[i]);
        }
        if (score <= 0) {
            return 1.0;
        }
        // Every λ > 0 gives a valid bound, so an imprecise minimum costs tightness, never validity.
        double lambda = bestLambda(score, a);
        double logBound = logMgf(lambda, q, a) - lambda * score + roundingPad(lambda, score, q, a);
        // A bound below the smallest double still bounds a tail that is smaller still.
        return Math.max(Double.MIN_VALUE, Math.min(1.0, Math.exp(logBound) * (1 + 4 * Math.ulp(1.0))));
    }

    /**
     * f(λ) = Σ log E[exp(λ·U_i)] − λ·score is convex with f'(0) = −score &lt; 0 (the U_i have mean 0), so its minimum
     * lies where f' turns positive: bisect on f' (more precise than a search on f itself).
     */
    private static double bestLambda(double score, double[] a) {
        // f' is the sum of the tilted means w·a − (1 − w)/a, where w = 1/(1 + a²·e^{−λ(a + 1/a)}) is the tilted
        // probability of a match; a² sits inside the exponent so that nothing overflows
        double[] logASquared = new double[a.length];
        double[] span = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            logASquared[i] = 2 * Math.log(a[i]);
            span[i] = a[i] + 1 / a[i];
        }
        if (slope(MAX_LAMBDA, a, logASquared, span) <= score) {
            return MAX_LAMBDA;
        }
        double lo = 0;
        double hi = MAX_LAMBDA;
        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (slope(mid, a, logASquared, span) < score) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double slope(double lambda, double[] a, double[] logASquared, double[] span) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double w = 1 / (1 + Math.exp(logASquared[i] - lambda * span[i]));
            sum += w * a[i] - (1 - w) / a[i];
        }
        return sum;
    }

    /**
     * Σ log E[exp(λ·U_i)] with E[exp(λ·U)] = q·e^{λa} + (1 − q)·e^{−λ/a}, as a log-sum-exp so large λ·a cannot
     * overflow.
     */
    private static double logMgf(double lambda, double[] q, double[] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double ai = a[i];
            double up = Math.log(q[i]) + lambda * ai;
            double down = Math.log1p(-q[i]) - lambda / ai;
            double max = Math.max(up, down);
            sum += max + Math.log1p(Math.exp(Math.min(up, down) - max));
        }
        return sum;
    }

    /**
     * A worst-case estimate of the rounding error in the log bound (summing m terms errs by at most m·ε times the sum
     * of their magnitudes), added so that rounding can never take the bound below the tail it bounds.
     */
    private static double roundingPad(double lambda, double score, double[] q, double[] a) {
        double magnitudes = lambda * score;
        for (int i = 0; i < a.length; i++) {
            magnitudes += Math.abs(Math.log(q[i])) + lambda * a[i] + Math.abs(Math.log1p(-q[i])) + lambda / a[i] + 1;
        }
        return (a.length + 8) * Math.ulp(1.0) * magnitudes;
    }

    /**
     * An upper bound on P(S ≥ score) for a sum S of independent two-point variables: U_i is {@code match[i]} with
     * probability q_i and {@code mismatch[i]} otherwise. This is the innocent member's distribution under any score that
     * gives fixed points for a match and a mismatch at each position (for the likelihood-ratio score that names a
     * single source, say). Chernoff's bound, min over λ &gt; 0 of exp(−λ·score)·Π E[exp(λ·U_i)], computed in log space;
     * when the score is the largest S can take, it tends to the exact chance of that largest value.
     *
     * @return the bound, in (0, 1]; exactly 1 when the score is at most S's mean
     * @throws IllegalArgumentException if the arrays differ in length, the score or a point is not finite, or some q_i
     *                                  lies outside (0, 1)
     */
    public static double tail(double score, double[] observedQ, double[] match, double[] mismatch) {
        int n = observedQ.length;
        if (match.length != n || mismatch.length != n) {
            throw new IllegalArgumentException("q, match and mismatch differ in length");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("the score is not finite: " + score);
        }
        double mean = 0;
        double most = 0;
        double[] logQ = new double[n];
        double[] logNotQ = new double[n];
        for (int i = 0; i < n; i++) {
            double q = observedQ[i];
            if (!(q > 0 && q < 1) || !Double.isFinite(match[i]) || !Double.isFinite(mismatch[i])) {
                throw new IllegalArgumentException("bad position " + i + ": q " + q + ", points " + match[i] + ", "
                        + mismatch[i]);
            }
            logQ[i] = Math.log(q);
            logNotQ[i] = Math.log1p(-q);
            mean += q * match[i] + (1 - q) * mismatch[i];
            most += Math.max(match[i], mismatch[i]);
        }
        if (score <= mean) {
            return 1.0;
        }
        if (score > most * (1 + 1e-12) + 1e-9) {
            return Double.MIN_VALUE; // no value of S reaches it; the bound stays a positive number all the same
        }
        // f'(λ) is increasing from mean − score < 0 towards most − score: find where it turns, or take a large λ
        double hi = 1;
        while (tiltedMean(hi, logQ, logNotQ, match, mismatch) < score && hi < 1e6) {
            hi *= 2;
        }
        double lo = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (tiltedMean(mid, logQ, logNotQ, match, mismatch) < score) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double lambda = (lo + hi) / 2;
        double log = -lambda * score;
        double magnitudes = lambda * Math.abs(score);
        for (int i = 0; i < n; i++) {
            double up = logQ[i] + lambda * match[i];
            double down = logNotQ[i] + lambda * mismatch[i];
            double max = Math.max(up, down);
            log += max + Math.log1p(Math.exp(Math.min(up, down) - max));
            magnitudes += Math.abs(up) + Math.abs(down) + 1;
        }
        log += (n + 8) * Math.ulp(1.0) * magnitudes;
        return Math.max(Double.MIN_VALUE, Math.min(1.0, Math.exp(log) * (1 + 4 * Math.ulp(1.0))));
    }

    /** Σ E_λ[U_i]: the mean of S under the distribution tilted by λ. */
    private static double tiltedMean(double lambda, double[] logQ, double[] logNotQ, double[] match, double[] mismatch) {
        double sum = 0;
        for (int i = 0; i < logQ.length; i++) {
            double w = 1 / (1 + Math.exp(logNotQ[i] - logQ[i] + lambda * (mismatch[i] - match[i])));
            sum += w * match[i] + (1 - w) * mismatch[i];
        }
        return sum;
    }
}
