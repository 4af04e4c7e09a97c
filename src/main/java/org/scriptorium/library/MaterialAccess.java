package org.scriptorium.library;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Access;
import org.scriptorium.membership.EntitlementRule;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Reader;
import org.scriptorium.membership.Tier;
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

    private final Copies copies;

    MaterialAccess(Materials materials, Memberships memberships, Clock clock, ScriptoriumProperties properties,
                   Copies copies) {
        this.materials = materials;
        this.copies = copies;
        this.memberships = memberships;
        this.clock = clock;
        this.previewCharacters = properties.previewCharacters();
    }

    /** Who is asking, for several decisions in one request. */
    public Reader reader(Optional<String> userId) {
        return memberships.readerFor(userId);
    }

    /** The published materials whose text this reader may read in full now: what a search may look in for them. */
    public FullTextScope fullTextScope(Reader reader) {
        return rule.fullTextScope(reader, clock.instant());
    }

    /** The rule's decision for one material and reader, now; a withdrawn material or a draft counts as not published. */
    public Access access(Material material, Reader reader) {
        Instant now = clock.instant();
        // a draft's publication time may be unchosen (null); it is unpublished whatever its time says
        Access access = rule.decide(reader, material.tier(), material.publishedAt() == null ? now : material.publishedAt(), now);
        if (!material.released() && access.reason() != Access.Reason.STAFF) {
            return new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED);
        }
        return access;
    }

    /**
     * The current revision of a material as this user may see it on a page.
     *
     * @throws Rejected 404 when the material does not exist or is not yet published (for readers other than staff)
     */
    public MaterialView view(String materialId, Optional<String> userId) {
        return view(materialId, userId, Copies.Channel.WEB);
    }

    /**
     * The current revision of a material as this user may see it through a channel. An entitled reader's text is
     * their personalised copy, and the delivery is recorded.
     *
     * @throws Rejected 404 when the material does not exist or is not yet published (for readers other than staff)
     */
    public MaterialView view(String materialId, Optional<String> userId, Copies.Channel channel) {
        Material material = materials.get(materialId);
        Access access = access(material, reader(userId));
        if (access.level() == Access.Level.NONE) {
            throw Rejected.notFound("MATERIAL_NOT_FOUND", "资料不存在。", "No such material.");
        }
        Revision revision = materials.revision(materialId, material.currentRevision());
        ParsedMaterial parsed = materials.parse(revision);
        if (!access.full() || userId.isEmpty()) {
            return new MaterialView(material, revision.revision(), parsed.salutation(), parsed.outline(),
                    parsed.placeholders(), parsed.characters(), parsed.points(), access, List.of(), null,
                    access.full() ? null : preview(parsed), null, null, parsed.elements());
        }
        List<String> original = parsed.paragraphs();
        Copies.Copy copy = copies.deliver(userId.get(), material, revision.revision(), original, channel);
        List<Block> blocks = new java.util.ArrayList<>(original.size());
        for (int i = 0; i < original.size(); i++) {
            String text = copy.paragraphs().get(i);
            blocks.add(switch (parsed.blocks().get(i)) {
                case Heading h -> h.withText(text);
                case Paragraph p -> p.withText(text);
            });
        }
        StringBuilder text = new StringBuilder(material.title()).append('\n');
        if (parsed.salutation() != null) {
            text.append(parsed.salutation()).append('\n');
        }
        copy.paragraphs().forEach(line -> text.append(line).append('\n'));
        text.append(copy.notice());
        return new MaterialView(material, revision.revision(), parsed.salutation(), parsed.outline(),
                parsed.placeholders(), parsed.characters(), parsed.points(), access, blocks, text.toString(), null,
                copy.notice(), copy.fileToken(), parsed.elements());
    }

    /**
     * The current revision as a paying member would read it, for staff to check a draft (or any material) before
     * readers see it: the plain cleaned text, with the outline. No personalised copy is made and nothing is
     * delivered or recorded, so the text carries no marks and no notice. Callers are staff (the admin paths).
     *
     * @throws Rejected 404 when the material does not exist
     */
    public MaterialView memberPreview(String materialId) {
        Material material = materials.get(materialId);
        Revision revision = materials.revision(materialId, material.currentRevision());
        ParsedMaterial parsed = materials.parse(revision);
        Access access = material.tier() == Tier.FREE ? new Access(Access.Level.FULL, Access.Reason.FREE_MATERIAL)
                : new Access(Access.Level.FULL, Access.Reason.MEMBER);
        StringBuilder text = new StringBuilder(material.title()).append('\n');
        if (parsed.salutation() != null) {
            text.append(parsed.salutation()).append('\n');
        }
        parsed.paragraphs().forEach(line -> text.append(line).append('\n'));
        return new MaterialView(material, revision.revision(), parsed.salutation(), parsed.outline(),
                parsed.placeholders(), parsed.characters(), parsed.points(), access, parsed.blocks(), text.toString(),
                null, null, null, parsed.elements());
    }

    /**
     * One paragraph of an entitled reader's personalised copy, for a passage they copy; the delivery is recorded.
     * Empty when the reader is not entitled or the paragraph does not exist.
     */
    public Optional<String> passage(Material material, int paragraph, String userId) {
        if (!access(material, reader(Optional.of(userId))).full()) {
            return Optional.empty();
        }
        ParsedMaterial parsed = materials.parse(materials.revision(material.id(), material.currentRevision()));
        List<String> original = parsed.paragraphs();
        if (paragraph < 0 || paragraph >= original.size()) {
            return Optional.empty();
        }
        return Optional.of(copies.deliver(userId, material, material.currentRevision(), original, Copies.Channel.PASSAGE)
                .paragraphs().get(paragraph));
    }

    /**
     * The full view, for paths that only serve entitled readers (downloads).
     *
     * @throws Rejected 403 with the reason when the reader may not have the full text
     */
    public MaterialView fullView(String materialId, Optional<String> userId, Copies.Channel channel) {
        MaterialView view = view(materialId, userId, channel);
        if (!view.entitled()) {
            throw new Rejected(userId.isEmpty() ? 401 : 403, "NOT_ENTITLED", view.access().explanationZh(),
                    view.access().explanationEn());
        }
        return view;
    }

    /**
     * At most the configured length, and never more than a third of the text, so a short piece is not given away. A
     * run-in paragraph stays on its heading's line, as the reading page shows it.
     */
    private String preview(ParsedMaterial parsed) {
        List<String> lines = new java.util.ArrayList<>();
        Block previous = null;
        for (Block block : parsed.blocks()) {
            if (previous instanceof Heading && block instanceof Paragraph p && p.role() == Paragraph.Role.RUN_IN) {
                lines.set(lines.size() - 1, lines.getLast() + p.text());
            } else {
                lines.add(block.text());
            }
            previous = block;
        }
        return Preview.of(lines, parsed.characters(), previewCharacters);
    }
}
