package io.yuqing.app.service;

import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.DocumentRevision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document_revisions table on H2 and on a real PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class DocumentRevisionsTest {
    @Parameter
    TestDatabases.Kind kind;
    private Database db;
    private final Instant t0 = Instant.parse("2024-11-25T02:00:00.123456Z");

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate("alerting");
        db.migrate("app");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void eachRevisionIsKeptOnceInTheOrderItHappened() {
        DocumentRevisions revisions = new DocumentRevisions(db.dataSource());
        DocumentRevision firstEdit = new DocumentRevision("d1", "https://x.cn/1.html", "s", DocumentRevision.Kind.EDITED,
                t0, "hash1", "删去 1 句，新增 1 句。 新增：「公司已补发工资」");
        DocumentRevision secondEdit = new DocumentRevision("d1", "https://x.cn/1.html", "s", DocumentRevision.Kind.EDITED,
                t0.plusSeconds(3600), "hash2", "标题改为「新标题」");
        DocumentRevision deleted = new DocumentRevision("d1", "https://x.cn/1.html", "s", DocumentRevision.Kind.DELETED,
                t0.plusSeconds(7200), "", "HTTP 404");
        assertTrue(revisions.record(deleted));
        assertTrue(revisions.record(firstEdit));
        assertTrue(revisions.record(secondEdit));
        assertFalse(revisions.record(firstEdit), "reported again after a crash: recorded once");
        assertFalse(revisions.record(new DocumentRevision("d1", "https://x.cn/1.html", "s", DocumentRevision.Kind.DELETED,
                t0.plusSeconds(9000), "", "HTTP 410")), "a document is deleted once");
        assertEquals(List.of(firstEdit, secondEdit, deleted), revisions.of("d1"));
        assertEquals(List.of(), revisions.of("d2"));
    }
}
