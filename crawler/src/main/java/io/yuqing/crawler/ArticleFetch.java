package io.yuqing.crawler;

import io.yuqing.crawler.extract.Extraction;

/** Fetching and reading one article page: the extraction, or why there is none. */
public sealed interface ArticleFetch {

    /** @param sanitizedHtml the sanitised copy of the whole page (empty when none could be made) */
    record Extracted(Extraction extraction, String sanitizedHtml) implements ArticleFetch {
        public Extracted(Extraction extraction) {
            this(extraction, "");
        }
    }

    /**
     * @param reason    lower-case reason code (a fetch failure reason, unsupported_content_type or empty_content)
     * @param retryable whether a later cycle may succeed
     */
    record NotExtracted(String url, String reason, String message, boolean retryable) implements ArticleFetch {
    }
}
