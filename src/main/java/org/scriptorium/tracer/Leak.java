package org.scriptorium.tracer;

import java.util.List;
import java.util.Objects;

/**
 * One piece of evidence: a leaked file's text or pasted text, and the file-level tokens found in the file.
 *
 * @param name       how the operator will recognise it (the file's name, or 粘贴的文本)
 * @param text       its text as extracted, invisible characters included
 * @param fileTokens the tokens hidden in the file's metadata, unverified; empty for pasted text
 */
public record Leak(String name, String text, List<String> fileTokens) {

    public Leak {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        fileTokens = fileTokens == null ? List.of() : List.copyOf(fileTokens);
    }
}
