package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

/** The rule book's rules in force, kept in memory, without a database: a repository held in a list. */
class NoticeRuleBookTest {

    /** The two tables as lists; counts how often the rules in force are read. */
    static final class ListRepository extends NoticeRuleRepository {
        final List<NoticeRuleEntry> rules = new CopyOnWriteArrayList<>();
        final Set<String> off = ConcurrentHashMap.newKeySet();
        final AtomicInteger reads = new AtomicInteger();

        ListRepository() {
            super(null);
        }

        @Override
        List<NoticeRuleEntry> operatorRules() {
            reads.incrementAndGet();
            return List.copyOf(rules);
        }

        @Override
        Optional<NoticeRuleEntry> find(String id) {
            return rules.stream().filter(e -> e.rule().id().equals(id)).findFirst();
        }

        @Override
        int count() {
            return rules.size();
        }

        @Override
        void insert(NoticeRuleEntry e) {
            rules.add(e);
        }

        @Override
        boolean setEnabled(String id, boolean enabled) {
            rules.replaceAll(e -> e.rule().id().equals(id)
                    ? new NoticeRuleEntry(e.rule(), enabled, e.examples(), e.createdBy(), e.createdAt()) : e);
            return true;
        }

        @Override
        boolean delete(String id) {
            return rules.removeIf(e -> e.rule().id().equals(id));
        }

        @Override
        Set<String> builtInOff() {
            return new HashSet<>(off);
        }

        @Override
        void switchOff(String builtInId, String by, Instant at) {
            off.add(builtInId);
        }

        @Override
        void switchOn(String builtInId) {
            off.remove(builtInId);
        }
    }

    private final ListRepository repository = new ListRepository();
    private final TokenBucketsTest.HandClock clock = new TokenBucketsTest.HandClock();
    private final List<Object> events = new ArrayList<>();
    private final NoticeRuleBook book = new NoticeRuleBook(repository, clock, events::add);

    private static List<String> ids(List<NoticeRule> rules) {
        return rules.stream().map(NoticeRule::id).toList();
    }

    @Test
    @DisplayName("the rules in force are the built-in ones, then the operator's that are on, read once and kept")
    void current() {
        assertThat(book.current()).isEqualTo(NoticeRuleBook.builtIn());
        book.current();
        assertThat(repository.reads).hasValue(1);
        NoticeRuleEntry added = book.add("酷乐文行", false, NoticeRule.Scope.EDGE, "其他平台的名称", "u1");
        assertThat(ids(book.current())).endsWith(added.rule().id()).hasSize(NoticeRuleBook.builtIn().size() + 1);
        assertThat(events).containsExactly(new NoticeRuleEvent.Added(added.rule().id(), "酷乐文行", false,
                NoticeRule.Scope.EDGE, "其他平台的名称"));

        book.setEnabled("web-caption", false, "u1");
        book.setEnabled(added.rule().id(), false, "u1");
        assertThat(ids(book.current())).doesNotContain("web-caption", added.rule().id());
        assertThat(book.entries()).filteredOn(e -> !e.enabled()).extracting(e -> e.rule().id())
                .containsExactly("web-caption", added.rule().id());
        book.setEnabled("web-caption", true, "u1");
        book.delete(added.rule().id());
        assertThat(book.current()).isEqualTo(NoticeRuleBook.builtIn());
        assertThat(events).hasSize(5);
    }

    @Test
    @DisplayName("a change made on another node is read within a minute, in the background, the old rules serving meanwhile")
    void otherNode() throws InterruptedException {
        book.current();
        NoticeRule elsewhere = new NoticeRule("op-elsewhere", NoticeRule.Scope.ANYWHERE, "酷乐文行", false, null, false);
        repository.rules.add(new NoticeRuleEntry(elsewhere, true, List.of(), null, clock.instant()));
        assertThat(ids(book.current())).doesNotContain("op-elsewhere");
        clock.pass(Duration.ofSeconds(59));
        assertThat(ids(book.current())).doesNotContain("op-elsewhere");
        assertThat(repository.reads).hasValue(1);
        clock.pass(Duration.ofSeconds(2));
        assertThat(ids(book.current())).as("the old rules answer at once").doesNotContain("op-elsewhere");
        for (int i = 0; i < 500 && !ids(book.current()).contains("op-elsewhere"); i++) {
            Thread.sleep(10); // the background read is a virtual thread of its own
        }
        assertThat(ids(book.current())).contains("op-elsewhere");
    }

    @Test
    @DisplayName("unknown rules are 404, built-in ones cannot be deleted or edited, and a refused rule is not saved")
    void refusals() {
        assertThatThrownBy(() -> book.setEnabled("op-none", true, "u1"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.code()).isEqualTo("RULE_NOT_FOUND"));
        assertThatThrownBy(() -> book.delete("page-number"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> book.refuseEdit("page-number"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.code()).isEqualTo("BUILT_IN_RULE"));
        assertThatThrownBy(() -> book.add("同志们", false, NoticeRule.Scope.EDGE, null, "u1"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.code()).isEqualTo("RULE_TOO_BROAD"));
        assertThat(repository.rules).isEmpty();
        assertThat(events).isEmpty();
        for (int i = 0; i < NoticeRuleBook.MAX_OPERATOR_RULES; i++) {
            repository.rules.add(new NoticeRuleEntry(new NoticeRule("op-" + i, NoticeRule.Scope.EDGE, "站" + i, false,
                    null, false), true, List.of(), null, clock.instant()));
        }
        assertThatThrownBy(() -> book.add("酷乐文行", false, NoticeRule.Scope.EDGE, null, "u1"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.code()).isEqualTo("INVALID_RULE"));
    }
}
