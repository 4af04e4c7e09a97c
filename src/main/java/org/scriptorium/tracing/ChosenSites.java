package org.scriptorium.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The sites chosen lately, by what they depend on, most recently used kept: choosing takes from milliseconds to a
 * second for a long revision, far more than the rest of a copy, and members read the same new materials. Readers who
 * ask for the same key at once wait for one choice instead of each making their own.
 *
 * @param <K> what a choice depends on
 */
final class ChosenSites<K> {

    private final int capacity;
    private final Map<K, CompletableFuture<List<VariationSite>>> chosen;

    ChosenSites(int capacity) {
        this.capacity = capacity;
        this.chosen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<List<VariationSite>>> eldest) {
                return size() > ChosenSites.this.capacity;
            }
        };
    }

    /**
     * The sites kept for {@code key}, or those {@code choose} gives, chosen once however many threads ask at once;
     * if choosing fails, every waiting caller gets the failure and the next call chooses again.
     */
    List<VariationSite> get(K key, Supplier<List<VariationSite>> choose) {
        CompletableFuture<List<VariationSite>> mine = new CompletableFuture<>();
        CompletableFuture<List<VariationSite>> existing;
        synchronized (chosen) {
            existing = chosen.putIfAbsent(key, mine);
        }
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            List<VariationSite> sites = choose.get();
            mine.complete(sites);
            return sites;
        } catch (RuntimeException | Error e) {
            synchronized (chosen) {
                chosen.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
