package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.Material;
import org.scriptorium.membership.Access;
import org.scriptorium.membership.Tier;

/** Who is told of an event, as plain rules. */
class AudienceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Material SPEECH = new Material("m1", "在全县春耕生产会议上的讲话", "讲话稿", List.of("乡村振兴", "春耕"),
            Tier.MEMBER, NOW, 1, NOW, NOW, null);
    private static final Access FULL = new Access(Access.Level.FULL, Access.Reason.MEMBER);
    private static final Access OUTLINE = new Access(Access.Level.PREVIEW, Access.Reason.NO_MEMBERSHIP);
    private static final Access NONE = new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED);

    private static SharingEvent published() {
        return new SharingEvent(1, SharingEvent.Type.MATERIAL_PUBLISHED, null, "m1", 1, null, null, null, NOW, NOW);
    }

    @Test
    @DisplayName("a publication goes to whoever may read it or see its outline, and to nobody while it cannot be seen")
    void publicationByEntitlement() {
        assertThat(Audience.tells(published(), "u", SPEECH, FULL, Follows.EVERYTHING)).isTrue();
        assertThat(Audience.tells(published(), "u", SPEECH, OUTLINE, Follows.EVERYTHING)).isTrue();
        assertThat(Audience.tells(published(), "u", SPEECH, NONE, Follows.EVERYTHING)).isFalse();
        assertThat(Audience.tells(published(), "u", null, null, Follows.EVERYTHING)).as("material gone").isFalse();
    }

    @Test
    @DisplayName("following a kind or a topic narrows publications to those matching either")
    void follows() {
        assertThat(Audience.tells(published(), "u", SPEECH, FULL, new Follows(Set.of("讲话稿"), Set.of()))).isTrue();
        assertThat(Audience.tells(published(), "u", SPEECH, FULL, new Follows(Set.of("工作报告"), Set.of("春耕")))).isTrue();
        assertThat(Audience.tells(published(), "u", SPEECH, FULL, new Follows(Set.of("工作报告"), Set.of("防汛")))).isFalse();
    }

    @Test
    @DisplayName("a notice for one user goes to that user only, whatever they follow, but never about a material they cannot see")
    void notices() {
        SharingEvent revised = new SharingEvent(2, SharingEvent.Type.MATERIAL_REVISED, "u", "m1", 2, null, null, "改了一段",
                NOW, NOW);
        Follows other = new Follows(Set.of("工作报告"), Set.of());
        assertThat(Audience.tells(revised, "u", SPEECH, OUTLINE, other)).isTrue();
        assertThat(Audience.tells(revised, "v", SPEECH, FULL, Follows.EVERYTHING)).isFalse();
        assertThat(Audience.tells(revised, "u", SPEECH, NONE, Follows.EVERYTHING)).isFalse();
        SharingEvent decided = new SharingEvent(3, SharingEvent.Type.REPORT_DECIDED, "u", null, null, null, "r1", null,
                NOW, NOW);
        assertThat(Audience.tells(decided, "u", null, null, other)).isTrue();
        assertThat(decided.json(null)).isEqualTo("{\"type\":\"REPORT_DECIDED\",\"id\":3,\"reportId\":\"r1\"}");
    }
}
