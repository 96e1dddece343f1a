package io.yuqing.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A change to the original of a document we stored, noticed by re-checking it: the page was edited or taken down
 * (删帖). The stored copy stays as it was; this only says what happened to the original.
 *
 * @param documentId  the stored document's id
 * @param url         the original's URL
 * @param sourceId    the source that found it
 * @param kind        edited or deleted
 * @param detectedAt  when the re-check noticed it
 * @param contentHash for an edit, the hash of the new text (one revision per distinct text); empty for a deletion
 * @param detail      what changed or why the page counts as deleted, in plain words (crawled text: escape it when shown)
 */
public record DocumentRevision(String documentId, String url, String sourceId, Kind kind, Instant detectedAt,
                               String contentHash, String detail) {

    public enum Kind {
        /** The page is still there with a different text. */
        EDITED,
        /** The page is gone: 404/410, a redirect to the home or a list page, or an explicit deletion notice. */
        DELETED;

        /** Lower-case code, as stored and used in metric tags. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofCode(String code) {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        }
    }

    public DocumentRevision {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detectedAt, "detectedAt");
        sourceId = sourceId == null ? "" : sourceId;
        contentHash = contentHash == null ? "" : contentHash;
        detail = detail == null ? "" : detail;
    }
}
