package org.scriptorium.sharing;

import java.time.Instant;

/**
 * One row of the event log: something members are told about. It carries ids and, for a revision, the editor's
 * change note; never text a member wrote and never material text.
 *
 * @param id          increasing; the SSE event id, which a reconnecting client sends back as {@code Last-Event-ID}
 * @param recipientId the one user it is for, or null for a publication shown to whoever may see it and follows it
 * @param visibleAt   when members may first be told (a material published for later is announced then)
 */
public record SharingEvent(long id, Type type, String recipientId, String materialId, Integer revision,
                           String requestId, String reportId, String note, Instant visibleAt, Instant occurredAt) {

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
        /** Staff answered a conversation (咨询) the recipient opened. */
        CONSULTATION_ANSWERED,
        // Issue 16, buying and renewal:
        /** The recipient's membership ends within 7 days; {@code note} is the day it ends ({@code 2027-01-05}). */
        MEMBERSHIP_ENDING
    }

    /** A publication for everyone who may see it, rather than a notice for one user. */
    public boolean broadcast() {
        return recipientId == null;
    }

    /** The event as SSE data: its type and the ids it concerns, as JSON. */
    String json(Boolean entitled) {
        StringBuilder json = new StringBuilder(128).append("{\"type\":\"").append(type).append("\",\"id\":").append(id);
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
