package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialEvent;
import org.scriptorium.library.MaterialView;
import org.scriptorium.library.Materials;
import org.scriptorium.search.MaterialQuery;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The public Atom feed of the newest publications: titles, kinds, topics and the preview an anonymous visitor sees,
 * never more. Built at most once a minute (and again after a publication), since feed readers poll it.
 */
@Component
class AtomFeed {

    static final int ENTRIES = 30;
    private static final long FRESH_NANOS = 60_000_000_000L;

    private record Built(String xml, long at) {
    }

    private final Materials materials;
    private final MaterialAccess access;
    private final ScriptoriumProperties site;
    private final SharingProperties sharing;
    private final Clock clock;
    private volatile Built built;

    AtomFeed(Materials materials, MaterialAccess access, ScriptoriumProperties site, SharingProperties sharing,
             Clock clock) {
        this.materials = materials;
        this.access = access;
        this.site = site;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** Something was published: build the feed again at the next request. */
    void changed() {
        built = null;
    }

    /** Any change to a material (a withdrawal, a new title) shows in the feed as soon as it is committed. */
    @TransactionalEventListener
    void on(MaterialEvent event) {
        changed();
    }

    String xml() {
        Built b = built;
        if (b == null || System.nanoTime() - b.at() > FRESH_NANOS) {
            b = new Built(build(), System.nanoTime());
            built = b;
        }
        return b.xml();
    }

    private String build() {
        String base = sharing.publicUrl().replaceAll("/+$", "");
        Materials.MaterialPage page = materials.list(MaterialQuery.latest(ENTRIES), false);
        Instant now = clock.instant();
        Instant updated = page.materials().stream().map(Material::updatedAt).max(Instant::compareTo).orElse(now);
        StringBuilder xml = new StringBuilder(16_384);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
        element(xml, "title", site.siteName());
        element(xml, "subtitle", "最新资料");
        element(xml, "id", "urn:scriptorium:feed:" + site.siteName());
        element(xml, "updated", updated.toString());
        xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(base + "/materials")).append("\"/>\n");
        xml.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(escape(base + "/feed.atom")).append("\"/>\n");
        for (Material material : page.materials()) {
            Optional<MaterialView> view = publicView(material);
            if (view.isEmpty()) {
                continue;
            }
            xml.append(" <entry>\n");
            element(xml, "title", material.title());
            element(xml, "id", "urn:scriptorium:material:" + material.id());
            element(xml, "published", material.publishedAt().toString());
            element(xml, "updated", material.updatedAt().isAfter(material.publishedAt())
                    ? material.updatedAt().toString() : material.publishedAt().toString());
            xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(escape(base + "/materials/" + material.id())).append("\"/>\n");
            xml.append("  <category term=\"").append(escape(material.kind())).append("\"/>\n");
            material.topics().forEach(t -> xml.append("  <category term=\"").append(escape(t)).append("\"/>\n"));
            xml.append("  <author><name>").append(escape(site.siteName())).append("</name></author>\n");
            String preview = view.get().preview();
            if (preview != null) {
                element(xml, "summary", preview);
            }
            xml.append(" </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    /** What an anonymous visitor sees of the material, through the one entitlement gate. */
    private Optional<MaterialView> publicView(Material material) {
        try {
            return Optional.of(access.view(material.id(), Optional.empty()));
        } catch (Rejected notPublished) {
            return Optional.empty();
        }
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append("  <").append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // Characters XML 1.0 forbids (control characters) are left out.
                    if (c == '\n' || c == '\t' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
