package io.yuqing.crawler.eval;

import java.util.Optional;

/**
 * One page of an extraction dataset and what a person wrote down for it.
 *
 * @param author the labelled author, empty when the page has none ("UNKNOWN" and blanks are no label)
 * @param date   the labelled publish date, empty when the page has none
 * @param url    the page's address when the dataset records it, else empty
 */
record LabelledPage(String id, String body, String author, Optional<DateLabel> date, String url) {

    static LabelledPage of(String id, String body, String author, String date, String url) {
        String a = author == null ? "" : author.strip();
        if (a.equalsIgnoreCase("UNKNOWN")) {
            a = "";
        }
        return new LabelledPage(id, body == null ? "" : body, a, DateLabel.parse(date), url == null ? "" : url);
    }

    boolean hasAuthor() {
        return !author.isEmpty();
    }

    /** Authors agree when they name the same people: spacing and list separators do not count. */
    boolean authorMatches(String extracted) {
        return hasAuthor() && extracted != null && normalizeNames(author).equals(normalizeNames(extracted));
    }

    private static String normalizeNames(String names) {
        return names.replaceAll("[\\s\\u00a0\\u3000、,，;；/]+", "");
    }
}
