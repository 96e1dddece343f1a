package io.yuqing.crawler;

import java.util.List;

/** The terms site-search sources search for, read afresh each cycle (the service supplies the watchlist's names). */
@FunctionalInterface
public interface SearchTerms {
    /** No terms: site-search sources are skipped with a problem saying so. */
    SearchTerms NONE = List::of;

    List<String> current();
}
