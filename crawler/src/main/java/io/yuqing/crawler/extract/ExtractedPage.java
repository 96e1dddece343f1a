package io.yuqing.crawler.extract;

/**
 * What one page read gives: the extraction, and the sanitised copy of the whole page kept for reviewers.
 *
 * @param sanitizedHtml the page as {@link PageSanitizer} leaves it; empty when the page could not be read
 */
public record ExtractedPage(Extraction extraction, String sanitizedHtml) {
}
