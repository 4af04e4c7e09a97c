package org.scriptorium.library;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar reindex}: rebuilds the whole search index from the database with a progress bar,
 * then exits. Run it while the application is stopped (the index allows one writer).
 */
@Component
@Order(5)
class ReindexCommand implements ApplicationRunner {

    static final String NAME = "reindex";

    private final SearchIndexing indexing;

    ReindexCommand(SearchIndexing indexing) {
        this.indexing = indexing;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        long total = indexing.materialCount();
        PrintStream out = System.out;
        long started = System.nanoTime();
        AtomicLong last = new AtomicLong(-1);
        out.printf("Rebuilding the search index for %,d materials%n", total);
        indexing.rebuild(done -> {
            if (done != last.getAndSet(done)) {
                out.print("\r" + ProgressBar.render(done, total, Duration.ofNanos(System.nanoTime() - started)));
                out.flush();
            }
        });
        out.printf("%nDone in %s.%n", ProgressBar.duration(Duration.ofNanos(System.nanoTime() - started)));
    }
}
