package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.tracing.VariationSite;

/**
 * What a bundle shows at the code's positions: a set, not a sum. Each position is kept once however many pieces read
 * it, with every form seen there; a position seen with both forms (copies of several accounts merged, or one copy
 * handed in beside another's) is set aside in combined scores and kept in each piece's own.
 */
final class Evidence {

    /** One position of the code, as the whole bundle shows it. */
    static final class Position {
        final String key;
        final double bias;
        final VariationSite site;
        boolean seenForm0;
        boolean seenForm1;
        int reads;

        Position(String key, double bias, VariationSite site) {
            this.key = key;
            this.bias = bias;
            this.site = site;
        }

        /** Read with one form only: what combined scores use. */
        boolean consistent() {
            return seenForm0 != seenForm1;
        }

        /** The form read, for a consistent position: true for the alternative. */
        boolean observed() {
            return seenForm1;
        }
    }

    /** One read of a position in one piece. */
    record Read(Position position, boolean observed) {
    }

    /**
     * The positions of one revision's copies that share one set of sites (recipients whose first copy came after
     * the same vetoes), as read from every piece that draws on the revision.
     */
    static final class Cell {
        final int id;
        final TraceSources.Revision revision;
        final String sitesKey;
        final int siteCount;
        final int normalisedLength;
        final Map<String, Position> positions = new LinkedHashMap<>();
        /** Each piece's own reads in this cell, by piece index. */
        final Map<Integer, List<Read>> byPiece = new LinkedHashMap<>();

        Cell(int id, TraceSources.Revision revision, String sitesKey, int siteCount, int normalisedLength) {
            this.id = id;
            this.revision = revision;
            this.sitesKey = sitesKey;
            this.siteCount = siteCount;
            this.normalisedLength = normalisedLength;
        }

        void add(int piece, String key, double bias, VariationSite site, boolean observed) {
            Position p = positions.computeIfAbsent(key, k -> new Position(k, bias, site));
            List<Read> reads = byPiece.computeIfAbsent(piece, k -> new ArrayList<>());
            for (Read r : reads) {
                if (r.position() == p) {
                    return; // a piece reads each site once; guard all the same
                }
            }
            reads.add(new Read(p, observed));
            p.reads++;
            if (observed) {
                p.seenForm1 = true;
            } else {
                p.seenForm0 = true;
            }
        }

        /** The positions read with one form only. */
        List<Read> consistent() {
            List<Read> out = new ArrayList<>();
            for (Position p : positions.values()) {
                if (p.consistent()) {
                    out.add(new Read(p, p.observed()));
                }
            }
            return out;
        }

        int conflicting() {
            int n = 0;
            for (Position p : positions.values()) {
                if (p.seenForm0 && p.seenForm1) {
                    n++;
                }
            }
            return n;
        }

        int reads() {
            return byPiece.values().stream().mapToInt(List::size).sum();
        }

        /** Positions per normalised character of the revision: how much text one more position costs. */
        double density() {
            return normalisedLength == 0 ? 0 : (double) siteCount / normalisedLength;
        }
    }
}
