package org.scriptorium.tracing;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The token that DOCX and PDF copies carry: the member's number, the revision's tag and a 64-bit MAC of both, in hex
 * (32 characters, so it also fits a Word bookmark name). Plain Java, so simulations make and read tokens as the
 * product does.
 */
public final class FileToken {

    /** What a token says, once its MAC is verified. */
    public record Owner(long memberNumber, long revisionTag) {
    }

    private FileToken() {
    }

    /** The token of one member's copy of one revision. */
    public static String make(Prf prf, long memberNumber, long revisionTag) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putInt((int) memberNumber).putInt((int) revisionTag).putLong(mac(prf, memberNumber & 0xFFFFFFFFL,
                revisionTag & 0xFFFFFFFFL));
        return HexFormat.of().formatHex(b.array());
    }

    /** The owner a token names; empty unless it is 32 hex digits whose MAC verifies. */
    public static Optional<Owner> read(Prf prf, String token) {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(token.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 16) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long member = b.getInt() & 0xFFFFFFFFL;
        long tag = b.getInt() & 0xFFFFFFFFL;
        long mac = b.getLong();
        return mac == mac(prf, member, tag) ? Optional.of(new Owner(member, tag)) : Optional.empty();
    }

    /** 32 bits naming a revision inside invisible payloads and file tokens. */
    public static long revisionTag(Prf prf, String revisionKey) {
        return prf.bits("rev", revisionKey) & 0xFFFFFFFFL;
    }

    private static long mac(Prf prf, long member, long tag) {
        return prf.bits("file", Long.toString(member), Long.toString(tag));
    }
}
