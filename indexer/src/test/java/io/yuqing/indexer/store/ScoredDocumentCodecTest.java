package io.yuqing.indexer.store;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.model.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScoredDocumentCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aReplyKeepsWhatItIsPartOf() throws Exception {
        ScoredDocument reply = new ScoredDocument(new Document(null, "https://bbs.example.cn/thread-1#post-2", "bbs",
                "回复：鼎盛食品厂拖欠工资", "建议打12333投诉。", "热心市民", "青州论坛", T0, T0, "opening-post-id"),
                List.of(), RiskAssessment.none());
        byte[] bytes = ScoredDocumentCodec.encode(reply);
        assertEquals(reply, ScoredDocumentCodec.decode(bytes, 0, bytes.length));
    }

    @Test
    void snapshotsWrittenBeforePartOfExistedAreStillRead() throws Exception {
        ScoredDocument article = new ScoredDocument(new Document(null, "https://news.example.cn/a/1", "qzdaily", "标题",
                "正文。", "", "", T0, T0), List.of(), RiskAssessment.none());
        byte[] bytes = ScoredDocumentCodec.encode(article);
        // Version 1 was the same layout without the trailing partOf.
        byte[] v1 = ByteBuffer.allocate(bytes.length - 4).putInt(1).put(bytes, 4, bytes.length - 8).array();
        assertEquals(article, ScoredDocumentCodec.decode(v1, 0, v1.length));
    }
}
