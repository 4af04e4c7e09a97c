package org.scriptorium.search;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.search.lucene.LuceneSearch;

@DisplayName("The search contract, on embedded Lucene")
class LuceneSearchContractTest extends SearchContract {

    @TempDir
    Path dir;
    LuceneSearch lucene;

    @BeforeEach
    void open() {
        lucene = new LuceneSearch(dir, SHANGHAI);
    }

    @AfterEach
    void close() throws IOException {
        lucene.close();
    }

    @Override
    protected MaterialSearch search() {
        return lucene;
    }

    @Override
    protected SearchIndex index() {
        return lucene;
    }
}
