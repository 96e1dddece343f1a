package io.yuqing.crawler;

import io.yuqing.crawler.state.SearchCursor;

/**
 * What some source kinds need from outside the crawler.
 *
 * @param searchTerms what site-search sources search for
 * @param cursors     where each site-search source's turn through the terms is kept between cycles
 * @param environment values for {@code ${NAME}} in source headers
 */
public record SourceInputs(SearchTerms searchTerms, SearchCursor cursors, Environment environment) {
    public SourceInputs {
        searchTerms = searchTerms == null ? SearchTerms.NONE : searchTerms;
        cursors = cursors == null ? SearchCursor.inMemory() : cursors;
        environment = environment == null ? Environment.SYSTEM : environment;
    }

    /** No search terms, turns kept in memory, the process environment. */
    public static SourceInputs defaults() {
        return new SourceInputs(null, null, null);
    }
}
