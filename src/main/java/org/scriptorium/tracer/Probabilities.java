package org.scriptorium.tracer;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Writes the tracer's probabilities the way an editor reads them: {@code 2.3 × 10⁻¹⁰} rather than
 * {@code 2.3283064365386963E-10}. Templates call it as {@code @probabilities}.
 */
@Component("probabilities")
public class Probabilities {

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** The probability with two significant digits; plain decimals down to 0.001, powers of ten below. */
    public String format(double p) {
        return of(p);
    }

    /** For fonts without superscript digits (the PDF's): {@code 2.3e-10}. */
    public static String plain(double p) {
        if (p == 0 || p >= 1e-3) {
            return of(p);
        }
        return String.format(Locale.ROOT, "%.1e", p).replace("e-0", "e-");
    }

    static String of(double p) {
        if (p == 0 || p >= 1e-3) {
            return p == 0 ? "0" : String.format(Locale.ROOT, "%.3f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exponent = (int) Math.floor(Math.log10(p));
        double mantissa = p / Math.pow(10, exponent);
        if (mantissa >= 9.95) {
            mantissa /= 10;
            exponent++;
        }
        StringBuilder power = new StringBuilder("⁻");
        for (char c : Integer.toString(-exponent).toCharArray()) {
            power.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return String.format(Locale.ROOT, "%.1f", mantissa) + " × 10" + power;
    }
}
