package org.scriptorium.corpus;

import java.time.Instant;
import java.util.List;

/**
 * One document of a {@link SpeechCorpus}: its {@code index} in the corpus, its {@code kind} (讲话稿,
 * 工作报告, 总结, 方案, 心得体会, 主持词 or 调研报告), its {@code topics} (one to three, each occurring in
 * the text), the {@code occasion} it was written for (座谈会, 推进会, 调研时 … for speeches and
 * host scripts; 专题汇报, 年终总结, 印发实施, 专题学习 or 专题调研 for the other kinds; never null), the
 * {@code title} (also the first line of the text unless a source notice precedes it), the plain
 * {@code text} with one paragraph per line, {@code publishedAt} within the eight years before
 * {@link SpeechCorpus#REFERENCE}, and whether it is {@code free} (FREE tier) rather than for members.
 */
public record GeneratedDocument(long index, String kind, List<String> topics, String occasion, String title,
        String text, Instant publishedAt, boolean free) {

    public GeneratedDocument {
        topics = List.copyOf(topics);
    }
}
