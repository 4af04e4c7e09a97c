package org.scriptorium.library;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Access;
import org.scriptorium.membership.EntitlementRule;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Reader;
import org.springframework.stereotype.Service;

/**
 * The one gate in front of material text: every path that returns it (pages, API, downloads, search snippets)
 * asks here, and here the {@link EntitlementRule} decides.
 */
@Service
public class MaterialAccess {

    private final Materials materials;
    private final Memberships memberships;
    private final Clock clock;
    private final EntitlementRule rule = new EntitlementRule();
    private final int previewCharacters;

    MaterialAccess(Materials materials, Memberships memberships, Clock clock, ScriptoriumProperties properties) {
        this.materials = materials;
        this.memberships = memberships;
        this.clock = clock;
        this.previewCharacters = properties.previewCharacters();
    }

    /** Who is asking, for several decisions in one request. */
    public Reader reader(Optional<String> userId) {
        return memberships.readerFor(userId);
    }

    /** The rule's decision for one material and reader, now; a withdrawn material counts as not published. */
    public Access access(Material material, Reader reader) {
        Access access = rule.decide(reader, material.tier(), material.publishedAt(), clock.instant());
        if (material.withdrawn() && access.reason() != Access.Reason.STAFF) {
            return new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED);
        }
        return access;
    }

    /**
     * The current revision of a material as this user may see it.
     *
     * @throws Rejected 404 when the material does not exist or is not yet published (for readers other than staff)
     */
    public MaterialView view(String materialId, Optional<String> userId) {
        Material material = materials.get(materialId);
        Access access = access(material, reader(userId));
        if (access.level() == Access.Level.NONE) {
            throw Rejected.notFound("MATERIAL_NOT_FOUND", "资料不存在。", "No such material.");
        }
        Revision revision = materials.revision(materialId, material.currentRevision());
        ParsedMaterial parsed = materials.parse(revision);
        boolean full = access.full();
        return new MaterialView(
                material,
                revision.revision(),
                parsed.salutation(),
                parsed.outline(),
                parsed.placeholders(),
                parsed.characters(),
                parsed.points(),
                access,
                full ? parsed.blocks() : List.of(),
                full ? parsed.body() : null,
                full ? null : preview(parsed));
    }

    /**
     * The full view, for paths that only serve entitled readers (downloads).
     *
     * @throws Rejected 403 with the reason when the reader may not have the full text
     */
    public MaterialView fullView(String materialId, Optional<String> userId) {
        MaterialView view = view(materialId, userId);
        if (!view.entitled()) {
            throw new Rejected(userId.isEmpty() ? 401 : 403, "NOT_ENTITLED", view.access().explanationZh(),
                    view.access().explanationEn());
        }
        return view;
    }

    /** At most the configured length, and never more than a third of the text, so a short piece is not given away. */
    private String preview(ParsedMaterial parsed) {
        int limit = Math.min(previewCharacters, Math.max(40, parsed.characters() / 3));
        StringBuilder preview = new StringBuilder();
        for (Block block : parsed.blocks()) {
            String text = switch (block) {
                case Heading h -> h.text();
                case Paragraph p -> p.text();
            };
            if (!preview.isEmpty()) {
                preview.append('\n');
            }
            preview.append(text);
            if (preview.length() >= limit) {
                break;
            }
        }
        if (preview.length() > limit) {
            return preview.substring(0, limit) + "……";
        }
        return preview.toString();
    }
}
