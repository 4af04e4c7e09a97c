package org.scriptorium.tracer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.scriptorium.common.text.Normalised;
import org.scriptorium.common.text.Winnowing;

/**
 * What the {@link SourceFinder} keeps of one revision: its distinct {@link Winnowing} fingerprints of the
 * {@link Normalised} text, and how many normalised characters that text has. Made once from the text, stored
 * ({@link FingerprintStore}) and read back by every node's first trace instead of parsing and winnowing every
 * delivered revision again.
 *
 * @param characters the normalised text's length
 * @param prints     the distinct fingerprints, ascending
 */
record RevisionFingerprints(int characters, long[] prints) {

    /**
     * Names how fingerprints are made: the k-gram and window sizes and the fingerprints of a fixed sample, so that a
     * change to {@link Normalised} or {@link Winnowing} that changes what they make also changes this, and rows stored
     * before it are made again rather than trusted.
     */
    static final String SCHEME = scheme();

    /** The fingerprints of {@code text} (a revision's paragraphs joined by line breaks). */
    static RevisionFingerprints of(String text) {
        String normal = Normalised.of(text).text();
        return new RevisionFingerprints(normal.length(), Winnowing.fingerprints(normal));
    }

    /** The fingerprints as stored: 8 bytes each, big-endian. */
    byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(prints.length * Long.BYTES);
        out.asLongBuffer().put(prints);
        return out.array();
    }

    /** Fingerprints read back from {@link #bytes()}. */
    static RevisionFingerprints fromBytes(int characters, byte[] bytes) {
        if (bytes.length % Long.BYTES != 0) {
            throw new IllegalArgumentException("stored fingerprints of " + bytes.length + " bytes");
        }
        long[] prints = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(prints);
        return new RevisionFingerprints(characters, prints);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionFingerprints other && characters == other.characters
                && Arrays.equals(prints, other.prints);
    }

    @Override
    public int hashCode() {
        return 31 * characters + Arrays.hashCode(prints);
    }

    @Override
    public String toString() {
        return "RevisionFingerprints[" + characters + " characters, " + prints.length + " prints]";
    }

    private static String scheme() {
        long[] sample = of("各级党委和政府要把抓好农田水利建设作为重要任务，ａｂｃ　１２３，确保取得实效。").prints();
        long mixed = 0;
        for (long p : sample) {
            mixed = mixed * 31 + p;
        }
        return "k" + Winnowing.K + "w" + Winnowing.W + "-" + HexFormat.of().toHexDigits(mixed);
    }
}
