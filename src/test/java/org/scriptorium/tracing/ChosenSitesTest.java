package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChosenSitesTest {

    private static final List<VariationSite> SITES = List.of(new VariationSite(0, 0, 3, "加强", "强化", "w:加强/强化"));

    @Test
    @DisplayName("readers asking for a revision's sites at once wait for one choice and all get it")
    void concurrentReadersShareOneChoice() throws Exception {
        ChosenSites<String> cache = new ChosenSites<>(8);
        AtomicInteger choices = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<List<VariationSite>> got = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            readers.add(Thread.ofPlatform().start(() -> got.add(cache.get("m:1", () -> {
                choices.incrementAndGet();
                await(release);
                return new ArrayList<>(SITES);
            }))));
        }
        // every reader is parked: the one choosing on the latch, the others on its future
        for (Thread t : readers) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(choices).hasValue(1);
        assertThat(got).hasSize(6).allSatisfy(sites -> assertThat(sites).isSameAs(got.getFirst()));
        assertThat(cache.get("m:1", () -> {
            throw new AssertionError("chosen again");
        })).isSameAs(got.getFirst());
    }

    @Test
    @DisplayName("a choice that fails is not kept: the next reader chooses again")
    void failureIsNotKept() {
        ChosenSites<String> cache = new ChosenSites<>(8);
        assertThatThrownBy(() -> cache.get("m:1", () -> {
            throw new IllegalStateException("database gone");
        })).hasMessage("database gone");
        assertThat(cache.get("m:1", () -> SITES)).isEqualTo(SITES);
    }

    @Test
    @DisplayName("only the most recently used choices are kept")
    void bounded() {
        ChosenSites<String> cache = new ChosenSites<>(2);
        AtomicInteger choices = new AtomicInteger();
        for (String key : List.of("a", "b", "a", "c", "a", "b")) {
            cache.get(key, () -> {
                choices.incrementAndGet();
                return SITES;
            });
        }
        // a, b chosen; a kept; c evicts b; a kept; b chosen again
        assertThat(choices).hasValue(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
