package org.scriptorium.support.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes new inputs from seeds by a few random byte-level edits, without coverage feedback: flips,
 * interesting bytes and numbers, deletions, duplications, splices with another seed, dictionary
 * fragments, and long runs of one fragment (deep nesting, repeated markup). Deterministic for a given
 * random seed and seed list.
 */
final class Mutator {

    private static final byte[] INTERESTING_BYTES = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, '\n', '\r', ' ', '<', '>', '"', '\\'};
    private static final List<byte[]> NUMBERS = List.of("0", "-1", "1", "255", "65535", "2147483647", "2147483648",
            "-2147483648", "4294967295", "9223372036854775807", "99999999999999999999", "1e308", "NaN")
            .stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();

    private final SplittableRandom random;
    private final List<byte[]> seeds;
    private final List<byte[]> dictionary;
    private final int maxLength;

    Mutator(long seed, List<byte[]> seeds, List<byte[]> dictionary, int maxLength) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        this.random = new SplittableRandom(seed);
        this.seeds = seeds;
        this.dictionary = dictionary.isEmpty() ? NUMBERS : dictionary;
        this.maxLength = maxLength;
    }

    /** A mutant of a randomly chosen seed: one to eight edits, at most {@code maxLength} bytes. */
    byte[] next() {
        byte[] input = seeds.get(random.nextInt(seeds.size()));
        int edits = 1 + Integer.numberOfTrailingZeros(random.nextInt() | 0x80); // 1 half the time, up to 8
        for (int i = 0; i < edits; i++) {
            input = edit(input);
        }
        return input.length > maxLength ? Arrays.copyOf(input, maxLength) : input;
    }

    private byte[] edit(byte[] in) {
        if (in.length == 0) {
            return insert(in, 0, pick(dictionary));
        }
        int at = random.nextInt(in.length);
        return switch (random.nextInt(11)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                yield out;
            }
            case 2 -> {
                byte[] out = in.clone();
                out[at] = (byte) random.nextInt(256);
                yield out;
            }
            case 3 -> delete(in, at, 1 + random.nextInt(Math.min(in.length - at, 1 + random.nextInt(256))));
            case 4 -> {
                int length = 1 + random.nextInt(Math.min(in.length - at, 1 + random.nextInt(512)));
                yield insert(in, random.nextInt(in.length + 1), Arrays.copyOfRange(in, at, at + length));
            }
            case 5 -> insert(in, at, pick(dictionary));
            case 6 -> replaceNumber(in, at);
            case 7 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(in, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                yield out;
            }
            case 8 -> Arrays.copyOf(in, at);
            case 9 -> {
                // a long run of one fragment: deep nesting, thousands of markers, very long lines
                byte[] fragment = pick(dictionary);
                int times = 16 << random.nextInt(10);
                byte[] run = new byte[Math.min(maxLength, fragment.length * times)];
                for (int i = 0; i < run.length; i++) {
                    run[i] = fragment[i % fragment.length];
                }
                yield insert(in, at, run);
            }
            default -> {
                byte[] random4 = new byte[1 + random.nextInt(8)];
                random.nextBytes(random4);
                yield insert(in, at, random4);
            }
        };
    }

    /** Replaces the run of ASCII digits at or after {@code at} with an interesting number (sizes, lengths, counts). */
    private byte[] replaceNumber(byte[] in, int at) {
        int start = at;
        while (start < in.length && (in[start] < '0' || in[start] > '9')) {
            start++;
        }
        if (start == in.length) {
            return insert(in, at, pick(NUMBERS));
        }
        int end = start;
        while (end < in.length && in[end] >= '0' && in[end] <= '9') {
            end++;
        }
        return insert(delete(in, start, end - start), start, pick(NUMBERS));
    }

    private byte[] pick(List<byte[]> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static byte[] delete(byte[] in, int at, int length) {
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] piece) {
        byte[] out = new byte[in.length + piece.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(in, at, out, at + piece.length, in.length - at);
        return out;
    }
}
