package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

/** The synonyms in force, kept in memory, and the operator's groups checked, without a database. */
class SynonymStoreTest {

    /** The table as a list; counts how often the groups in force are read. */
    static final class ListRepository extends SynonymRepository {
        final List<SynonymGroup> groups = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        ListRepository() {
            super(null);
        }

        @Override
        List<SynonymGroup> all() {
            reads.incrementAndGet();
            return List.copyOf(groups);
        }

        @Override
        Optional<SynonymGroup> find(String id) {
            return groups.stream().filter(g -> g.id().equals(id)).findFirst();
        }

        @Override
        int count() {
            return groups.size();
        }

        @Override
        void insert(SynonymGroup g) {
            groups.add(g);
        }

        @Override
        boolean update(SynonymGroup g) {
            return Collections.replaceAll(groups, find(g.id()).orElse(null), g);
        }

        @Override
        boolean delete(String id) {
            return groups.removeIf(g -> g.id().equals(id));
        }
    }

    /** A clock that moves only when told. */
    static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void pass(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ListRepository repository = new ListRepository();
    private final HandClock clock = new HandClock();
    private final List<Object> events = new ArrayList<>();
    private final SynonymStore store = new SynonymStore(repository, clock, events::add);

    private static String code(Throwable e) {
        return ((Rejected) e).code();
    }

    @Test
    @DisplayName("the synonyms in force are the built-in groups and the operator's that are on, read once and kept; "
            + "a change on this node is seen at once")
    void current() {
        assertThat(store.current().groups()).isEqualTo(Synonyms.builtIn().groups());
        assertThat(store.get()).isSameAs(store.current());
        assertThat(repository.reads).hasValue(1);

        SynonymGroup added = store.add(List.of("人大代表", " 人民 代表 "), "两种说法", true, "u1");
        assertThat(added.id()).startsWith("syn-");
        assertThat(added.terms()).containsExactly("人大代表", "人民代表");
        assertThat(added.createdBy()).isEqualTo("u1");
        assertThat(added.createdAt()).isEqualTo(clock.instant());
        assertThat(store.current().alternatives("人民代表")).containsExactly("人民代表", "人大代表");
        assertThat(events).containsExactly(new SynonymEvent.Added(added));

        SynonymGroup off = store.change(added.id(), null, null, false, "u2");
        assertThat(off.enabled()).isFalse();
        assertThat(off.updatedBy()).isEqualTo("u2");
        assertThat(off.terms()).isEqualTo(added.terms());
        assertThat(store.current().contains("人民代表")).isFalse();

        SynonymGroup edited = store.change(added.id(), List.of("人大代表", "全国人大代表"), "", true, "u2");
        assertThat(edited.note()).as("an empty note clears it").isNull();
        assertThat(store.current().alternatives("人大代表")).containsExactly("人大代表", "全国人大代表");
        assertThat(store.current().contains("人民代表")).isFalse();
        assertThat(store.change(added.id(), null, null, true, "u3")).as("no change: nothing written")
                .isEqualTo(edited);

        store.delete(added.id());
        assertThat(store.current().groups()).isEqualTo(Synonyms.builtIn().groups());
        assertThat(events).hasSize(4).last().isEqualTo(new SynonymEvent.Deleted(edited));
        assertThat(store.groups()).hasSize(Synonyms.builtIn().groups().size()).allMatch(SynonymGroup::builtIn);
    }

    @Test
    @DisplayName("a change made on another node is read after 30 seconds, in the background, the old groups serving "
            + "meanwhile")
    void otherNode() throws InterruptedException {
        store.current();
        Instant at = clock.instant();
        repository.groups.add(new SynonymGroup("syn-elsewhere", List.of("创卫", "卫生城市创建"), null, false, true,
                null, at, null, at));
        assertThat(store.current().contains("创卫")).isFalse();
        clock.pass(Duration.ofSeconds(29));
        assertThat(store.current().contains("创卫")).isFalse();
        assertThat(repository.reads).hasValue(1);
        clock.pass(Duration.ofSeconds(2));
        assertThat(store.current().contains("创卫")).as("the old groups answer at once").isFalse();
        for (int i = 0; i < 500 && !store.current().contains("创卫"); i++) {
            Thread.sleep(10); // the background read is a virtual thread of its own
        }
        assertThat(store.current().alternatives("创卫")).containsExactly("创卫", "卫生城市创建");
        assertThat(repository.reads).hasValue(2);
    }

    @Test
    @DisplayName("bad terms or notes are refused with INVALID_SYNONYMS naming the field, in Chinese, and nothing is saved")
    void refused() {
        Map<List<String>, String> refusals = Map.of(
                List.of("人大"), "至少要有 2 个词",
                List.of("人大", "人"), "「人」太短",
                List.of("人大", " "), "第 2 个词是空的",
                List.of("人大", "人 大"), "「人大」重复了",
                List.of("人大", "“人大”"), "「人大」重复了",
                List.of("人大", "字".repeat(31)), "太长：每个词最多 30 个字（现为 31 个）",
                List.of("人大", "人民/代表"), "含有 / 或逗号",
                List.of("人大", "人民，代表"), "含有 / 或逗号",
                Arrays.asList("人大", null), "第 2 个词是空的",
                List.of("甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七", "甲八", "甲九", "甲十", "甲十一", "甲十二",
                        "甲十三"), "一组最多 12 个词（现为 13 个）");
        refusals.forEach((terms, message) -> assertThatThrownBy(() -> store.add(terms, null, true, "u1"))
                .as(String.valueOf(terms))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_SYNONYMS");
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.field()).isEqualTo("terms");
                    assertThat(e.chinese()).contains(message);
                }));
        assertThatThrownBy(() -> store.add(null, null, true, "u1")).satisfies(e -> assertThat(code(e))
                .isEqualTo("INVALID_SYNONYMS"));
        assertThatThrownBy(() -> store.add(List.of("人大", "人民代表大会"), "注".repeat(201), true, "u1"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(store.add(List.of("人大", "人民代表大会"), "注".repeat(200), true, "u1").note()).hasSize(200);
        assertThat(store.add(List.of("ab", "字".repeat(30), "甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七", "甲八",
                "甲九", "甲十"), null, false, "u1").terms()).hasSize(12);
        assertThat(repository.groups).hasSize(2);
        assertThat(events).hasSize(2);

        SynonymGroup g = repository.groups.getFirst();
        assertThatThrownBy(() -> store.change(g.id(), List.of("人大", "大"), null, null, "u1"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.chinese()).contains("「大」太短"));
        assertThatThrownBy(() -> store.change(g.id(), null, null, null, "u1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_SYNONYMS"));
        assertThat(repository.groups.getFirst()).isEqualTo(g);
        assertThat(events).hasSize(2);
    }

    @Test
    @DisplayName("built-in groups are listed first and read-only (409 BUILT_IN_SYNONYMS); unknown ids are 404")
    void builtInAndUnknown() {
        List<SynonymGroup> groups = store.groups();
        assertThat(groups.getFirst().id()).isEqualTo("builtin-1");
        assertThat(groups.getFirst().terms()).contains("党课", "党课讲稿", "专题党课");
        assertThat(store.group("builtin-2").terms()).containsExactly("人大", "人民代表大会");
        assertThatThrownBy(() -> store.change("builtin-2", null, null, false, "u1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("BUILT_IN_SYNONYMS"));
        assertThatThrownBy(() -> store.delete("builtin-2"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> store.delete("syn-none"))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("SYNONYMS_NOT_FOUND");
                });
        assertThatThrownBy(() -> store.group("builtin-9999")).satisfies(e -> assertThat(code(e))
                .isEqualTo("SYNONYMS_NOT_FOUND"));
        assertThatThrownBy(() -> store.change("syn-none", List.of("人大", "大"), null, null, "u1"))
                .as("an unknown group is 404 before its body is judged")
                .satisfies(e -> assertThat(code(e)).isEqualTo("SYNONYMS_NOT_FOUND"));
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("at most 500 groups of one's own")
    void tooMany() {
        Instant at = clock.instant();
        for (int i = 0; i < SynonymStore.MAX_OPERATOR_GROUPS; i++) {
            repository.groups.add(new SynonymGroup("syn-" + i, List.of("词" + i, "语" + i), null, false, true, null, at,
                    null, at));
        }
        assertThatThrownBy(() -> store.add(List.of("人大", "人民代表大会"), null, true, "u1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_SYNONYMS"));
        assertThat(repository.groups).hasSize(SynonymStore.MAX_OPERATOR_GROUPS);
    }

    @Test
    @DisplayName("试一试 lists the groups in force any of whose terms a query holds, with the terms found")
    void matches() {
        SynonymGroup own = store.add(List.of("建议办理", "建议答复"), null, true, "u1");
        store.add(List.of("代表建议", "代表意见"), null, false, "u1");
        List<SynonymStore.Match> found = store.matches("人大 代表建议办理");
        assertThat(found).extracting(m -> m.group().id()).containsExactly("builtin-2", own.id());
        assertThat(found.getFirst().found()).containsExactly("人大");
        assertThat(found.get(1).found()).containsExactly("建议办理");
        assertThat(store.matches("“双随机、一公开”监管")).extracting(m -> m.group().terms().getFirst())
                .containsExactly("双随机一公开");
        assertThat(store.matches("春季农业生产")).isEmpty();
        assertThat(store.matches("  ")).isEmpty();
        assertThat(store.matches(null)).isEmpty();
        assertThatThrownBy(() -> store.matches("字".repeat(201)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_QUERY"));
    }
}
