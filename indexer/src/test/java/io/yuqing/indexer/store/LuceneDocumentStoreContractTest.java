package io.yuqing.indexer.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LuceneDocumentStoreContractTest extends DocumentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected DocumentStore openFresh() throws Exception {
        return LuceneDocumentStore.open(dir);
    }

    @Override
    protected DocumentStore reopen() throws Exception {
        return LuceneDocumentStore.open(dir);
    }
}
