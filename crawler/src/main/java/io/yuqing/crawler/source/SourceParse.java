package io.yuqing.crawler.source;

import java.util.List;

/** What a source page (feed or list page) yielded: its links, or why it could not be read. */
public sealed interface SourceParse {
    record Links(List<SourceLink> links) implements SourceParse {
        public Links {
            links = List.copyOf(links);
        }
    }

    record Unreadable(String message) implements SourceParse {
    }
}
