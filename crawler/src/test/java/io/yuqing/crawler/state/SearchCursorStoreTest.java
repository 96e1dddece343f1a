package io.yuqing.crawler.state;

import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Site-search positions on H2 and on a real PostgreSQL, shared by every store on the database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SearchCursorStoreTest {
    @Parameter
    TestDatabases.Kind kind;
    private Database db;
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T06:00:00Z"));

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate(CrawlStateStore.MIGRATIONS);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void positionsAreKeptPerSourceAndSeenByAnotherNode() {
        SearchCursorStore store = new SearchCursorStore(db.dataSource(), clock);
        assertEquals(0, store.next("search-a"), "a source never searched starts at the first term");
        store.save("search-a", 3);
        store.save("search-b", 7);
        store.save("search-a", 5);
        SearchCursorStore otherNode = new SearchCursorStore(db.dataSource(), clock);
        assertEquals(5, otherNode.next("search-a"));
        assertEquals(7, otherNode.next("search-b"));
    }

    @Test
    void inMemoryPositionsLastAsLongAsTheProcess() {
        SearchCursor memory = SearchCursor.inMemory();
        memory.save("s", 2);
        assertEquals(2, memory.next("s"));
        assertEquals(0, SearchCursor.inMemory().next("s"));
    }
}
