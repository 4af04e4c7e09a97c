package org.scriptorium.community;

import java.time.Instant;
import java.util.List;

/**
 * A message as the history, the live stream and the page show it: the same JSON everywhere.
 *
 * @param replyTo  the message answered, or null
 * @param mentions the staff members it mentions
 * @param image    its picture, or null
 */
record MessageView(String id, String groupId, Author author, String text, ReplyTo replyTo, List<Person> mentions,
                   ImageRef image, boolean pinned, Instant at) {

    record Author(String id, String name, boolean staff) {
    }

    /** @param excerpt the first characters of the answered message ({@code 图片} for a picture alone) */
    record ReplyTo(String id, String author, String excerpt) {
    }

    record Person(String id, String name) {
    }

    /** @param url readable only by accounts allowed in the group */
    record ImageRef(String url, int width, int height) {
    }
}
