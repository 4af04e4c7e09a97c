package org.scriptorium.reports;

/**
 * Keeps member-only material text out of places where others read it (a group's messages, an image's caption): text
 * that holds such text is held back, never shown, and turned into a case for review with the tracer's result.
 */
public interface LeakGuard {

    /**
     * Judges text a user is about to show others, in the caller's transaction (so a held message and its case are
     * saved together or not at all).
     *
     * @param authorId who wrote it
     * @param text     what they wrote (a message, an image's caption)
     * @param where    where it was to be shown, for the case file (e.g. {@code 免费群「交流群」 message abc…})
     */
    Verdict inspect(String authorId, String text, String where);

    /** The answer: show it, or hold it back under a case. */
    sealed interface Verdict {

        /** Nothing member-only in it: it may be shown. */
        record Clear() implements Verdict {
        }

        /** Member-only text found: held back, and the case opened for it. */
        record Held(String caseId) implements Verdict {
        }
    }
}
