package io.yuqing.alerting.outbox;

import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox page by page, newest first, on H2 and on a real PostgreSQL: every row exactly once across the pages, rows
 * created in the same instant included (ordered by id), with or without a status filter, and rows enqueued while
 * someone pages do not shift the later pages.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class OutboxQueriesPagingTest {
    @Parameter
    TestDatabases.Kind kind;

    Database db;
    OutboxQueries queries;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        queries = new OutboxQueries(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void pagesListEveryRowOnceNewestFirstWithTiesByIdAndOnlyTheStatusAskedFor() throws Exception {
        List<Long> all = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < 25; i++) {
                // Groups of five created in the same instant: the order within one comes from the id.
                Instant created = Docs.T0.plus(Duration.ofMinutes(i / 5));
                all.add(Outbox.enqueue(c, new OutgoingMail("digest:publicity:" + i, List.of("xc@example.gov.cn"),
                        "简报 " + i, "<p>简报</p>", "简报"), created, created.plus(Duration.ofDays(365))));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'dead' WHERE MOD(id, 3) = 0")) {
                ps.executeUpdate();
            }
        }
        List<Long> newestFirst = all.reversed();
        assertEquals(newestFirst, pages(null, 4), "every row once, newest first");
        assertEquals(newestFirst, pages(null, 25));
        List<Long> dead = newestFirst.stream().filter(id -> id % 3 == 0).toList();
        List<Long> pending = newestFirst.stream().filter(id -> id % 3 != 0).toList();
        assertEquals(dead, pages("dead", 3));
        assertEquals(pending, pages("pending", 7));
        assertEquals(List.of(), queries.page("sent", null, 10));
        assertEquals(Map.of("dead", (long) dead.size(), "pending", (long) pending.size()), queries.counts());

        // A row enqueued after page 1 was read appears on no later page: page 2 starts where page 1 ended.
        List<OutboxQueries.OutboxEntry> first = queries.page(null, null, 10);
        try (Connection c = db.dataSource().getConnection()) {
            Outbox.enqueue(c, new OutgoingMail("digest:publicity:late", List.of("xc@example.gov.cn"), "晚到", "<p>晚到</p>", "晚到"),
                    Docs.T0.plus(Duration.ofHours(1)), Docs.T0.plus(Duration.ofDays(365)));
        }
        assertEquals(newestFirst.subList(10, 20),
                queries.page(null, first.getLast().id(), 10).stream().map(OutboxQueries.OutboxEntry::id).toList());
        assertTrue(queries.page(null, 999_999L, 10).isEmpty(), "an unknown row has nothing after it");
    }

    /** Every page of a listing, followed from the last row of each, as the console and the API do. */
    private List<Long> pages(String status, int size) {
        List<Long> ids = new ArrayList<>();
        Long before = null;
        while (true) {
            List<OutboxQueries.OutboxEntry> page = queries.page(status, before, size);
            page.forEach(e -> ids.add(e.id()));
            if (page.size() < size) {
                return ids;
            }
            before = page.getLast().id();
        }
    }
}
