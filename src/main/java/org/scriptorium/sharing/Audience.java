package org.scriptorium.sharing;

import org.scriptorium.library.Material;
import org.scriptorium.membership.Access;

/**
 * Who is told of an event. A notice with a recipient goes to that user alone; a publication goes to every signed-in
 * user who may see the material at least in outline (a member reads it in full, anyone else is shown what a
 * membership would open) and who follows its kind or topics. A material that is unpublished, scheduled for later or
 * withdrawn is announced to nobody: {@code access} is then {@link Access.Level#NONE}.
 */
final class Audience {

    private Audience() {
    }

    /**
     * @param material the material the event concerns, or null for an event about none (a report decided)
     * @param access   what the user may see of that material now, as {@code MaterialAccess} decided; null with it
     */
    static boolean tells(SharingEvent event, String userId, Material material, Access access, Follows follows) {
        if (event.materialId() != null && (material == null || access == null || access.level() == Access.Level.NONE)) {
            return false;
        }
        if (!event.broadcast()) {
            return event.recipientId().equals(userId);
        }
        return material != null && follows.matches(material.kind(), material.topics());
    }
}
