package io.yuqing.indexer.store;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;

/**
 * How a scored document lies in the Lucene index: the fields it is indexed under, the encoded copy it is read back
 * from, and the few queries and sorts on those fields that both {@link LuceneDocumentStore} and the read-only
 * {@link LuceneIndexSnapshot} need — kept in one place so the writer, the searches and the snapshot agree on them.
 */
final class LuceneDocuments {
    private LuceneDocuments() {
    }

    /** The term a document is replaced by: one document per id. */
    static Term idTerm(String id) {
        return new Term(IndexFields.ID, id);
    }

    /**
     * The Lucene document for {@code sd}. {@code snapshot} is its encoding ({@link ScoredDocumentCodec}), stored whole —
     * the same bytes as its write-ahead log record, so they are encoded once per write.
     */
    static org.apache.lucene.document.Document build(ScoredDocument sd, byte[] snapshot) {
        Document d = sd.document();
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new KeywordField(IndexFields.ID, d.id(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.URL, d.url(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.SOURCE, d.sourceId(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.AUTHOR, d.author(), Field.Store.NO));
        doc.add(new KeywordField(IndexFields.OUTLET, d.outlet(), Field.Store.NO));
        doc.add(new LongField(IndexFields.TIME, d.effectiveTime().toEpochMilli(), Field.Store.NO));
        if (d.publishedAt() != null) {
            doc.add(new LongField(IndexFields.PUBLISHED, d.publishedAt().toEpochMilli(), Field.Store.NO));
        }
        doc.add(new LongField(IndexFields.FETCHED, d.fetchedAt().toEpochMilli(), Field.Store.NO));
        for (Mention m : sd.mentions()) {
            doc.add(new KeywordField(IndexFields.ENTERPRISE, m.enterpriseId(), Field.Store.NO));
            doc.add(new KeywordField(IndexFields.ENTERPRISE_NAME, m.name(), Field.Store.NO));
        }
        for (RiskCategory c : sd.risk().categories()) {
            doc.add(new KeywordField(IndexFields.CATEGORY, c.code(), Field.Store.NO));
        }
        doc.add(new KeywordField(IndexFields.LEVEL, sd.risk().level().code(), Field.Store.NO));
        doc.add(new IntField(IndexFields.SCORE, sd.risk().score(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TITLE_WORDS, d.title(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TITLE_BIGRAMS, d.title(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TEXT_WORDS, d.text(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TEXT_BIGRAMS, d.text(), Field.Store.NO));
        doc.add(new StoredField(IndexFields.SNAPSHOT, snapshot));
        return doc;
    }

    /** The document a write-ahead log record holds. */
    static ScoredDocument decode(byte[] record) throws IOException {
        return ScoredDocumentCodec.decode(record, 0, record.length);
    }

    /** The document stored under Lucene's {@code docId}, exactly as it was indexed. */
    static ScoredDocument load(StoredFields stored, int docId) throws IOException {
        BytesRef bytes = stored.document(docId).getBinaryValue(IndexFields.SNAPSHOT);
        if (bytes == null) {
            throw new IOException("index document " + docId + " has no stored snapshot");
        }
        return ScoredDocumentCodec.decode(bytes.bytes, bytes.offset, bytes.length);
    }

    /** Documents whose time (publish time, else fetch time) is within {@code [first, last]}, epoch milliseconds. */
    static Query timeWithin(long first, long last) {
        return LongField.newRangeQuery(IndexFields.TIME, first, last);
    }

    /** Documents fetched before {@code cutoff}, epoch milliseconds: what retention removes. */
    static Query fetchedBefore(long cutoff) {
        return LongField.newRangeQuery(IndexFields.FETCHED, Long.MIN_VALUE, cutoff - 1);
    }

    /** Newest first by time (publish time, else fetch time). */
    static SortField newestFirst() {
        return LongField.newSortField(IndexFields.TIME, true, SortedNumericSelector.Type.MAX);
    }

    /** By id: the tie-break that makes every order total. */
    static SortField byId() {
        return KeywordField.newSortField(IndexFields.ID, false, SortedSetSelector.Type.MIN);
    }
}
