package org.scriptorium.sharing;

import java.time.Instant;

/**
 * One row of the event log: something members are told about. It carries ids and, for a revision, the editor's
 * change note; never material text. The one exception to "no member text": a group message (issue 16) carries the
 * message's JSON, and is told only to accounts allowed in its group ({@link GroupGate}).
 *
 * @param id          increasing; the SSE event id, which a reconnecting client sends back as {@code Last-Event-ID}
 * @param recipientId the one user it is for, or null for a publication shown to whoever may see it and follows it
 * @param visibleAt   when members may first be told (a material published for later is announced then)
 * @param groupId     the group of a group event, else null
 * @param messageId   the group message of a group event, else null
 * @param payload     a group message's JSON (null for other events, and once staff hid the message)
 */
public record SharingEvent(long id, Type type, String recipientId, String materialId, Integer revision,
                           String requestId, String reportId, String note, Instant visibleAt, Instant occurredAt,
                           String groupId, String messageId, String payload) {

    /** An event about no group. */
    public SharingEvent(long id, Type type, String recipientId, String materialId, Integer revision, String requestId,
                        String reportId, String note, Instant visibleAt, Instant occurredAt) {
        this(id, type, recipientId, materialId, revision, requestId, reportId, note, visibleAt, occurredAt, null, null,
                null);
    }

    /** What happened. */
    public enum Type {
        /** A material was published (imported, or published again after a withdrawal). */
        MATERIAL_PUBLISHED,
        /** A new revision of a material was saved; for a recipient, one whose earlier revision they received. */
        MATERIAL_REVISED,
        /** An editor planned a request the recipient asked for or voted for. */
        REQUEST_PLANNED,
        /** An editor fulfilled a request the recipient asked for or voted for, by linking a material. */
        REQUEST_FULFILLED,
        /** An editor decided a report the recipient filed. */
        REPORT_DECIDED,
        // Issue 16, consultation:
        /** Staff answered a conversation (咨询) the recipient opened; {@code note} is the conversation's id. */
        CONSULTATION_ANSWERED,
        /** A conversation (咨询) waits for the recipient, a staff member; {@code note} is the conversation's id. */
        CONSULTATION_WAITING,
        // Issue 16, buying and renewal:
        /** The recipient's membership ends within 7 days; {@code note} is the day it ends ({@code 2027-01-05}). */
        MEMBERSHIP_ENDING,
        // --- Issue 16, groups: ---
        /** A message was posted in a group: carries the message, told to those allowed in the group when sent. */
        GROUP_MESSAGE,
        /** Staff hid a group message: open pages remove it. */
        GROUP_MESSAGE_HIDDEN,
        /** A message in a group mentioned the recipient (a staff member): a bell notice. */
        GROUP_MENTION
    }

    /** A message posted or hidden in a group: told by group, not by material or follows. */
    public boolean groupMessage() {
        return type == Type.GROUP_MESSAGE || type == Type.GROUP_MESSAGE_HIDDEN;
    }

    /** A publication for everyone who may see it, rather than a notice for one user. */
    public boolean broadcast() {
        return recipientId == null;
    }

    /** The event as SSE data: its type and the ids it concerns, as JSON (and a group message's message). */
    String json(Boolean entitled) {
        StringBuilder json = new StringBuilder(128).append("{\"type\":\"").append(type).append("\",\"id\":").append(id);
        field(json, "groupId", groupId);
        field(json, "messageId", messageId);
        if (type == Type.GROUP_MESSAGE && payload != null) {
            json.append(",\"message\":").append(payload);
        }
        field(json, "materialId", materialId);
        if (revision != null) {
            json.append(",\"revision\":").append(revision);
        }
        field(json, "requestId", requestId);
        field(json, "reportId", reportId);
        if (entitled != null) {
            json.append(",\"entitled\":").append(entitled);
        }
        return json.append('}').toString();
    }

    /** Ids are our own base32 strings: nothing in them needs escaping. */
    private static void field(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":\"").append(value).append('"');
        }
    }
}
