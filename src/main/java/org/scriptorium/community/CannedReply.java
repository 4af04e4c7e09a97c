package org.scriptorium.community;

import java.time.Instant;

/** 常用回复: an answer to a frequent question that staff insert into an answer and adapt. */
public record CannedReply(String id, String title, String text, Instant updatedAt) {
}
