package org.scriptorium.library;

import java.time.Duration;

/** A one-line text progress bar for commands run in a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** For example {@code [#########---------------------]  31%  93,000/300,000  1,540/s  1m00s}. */
    static String render(long done, long total, Duration elapsed) {
        double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%  %,d/%,d  %,.0f/s  %s", Math.round(share * 100), done, total, done / seconds, duration(elapsed));
    }

    static String duration(Duration d) {
        return d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
