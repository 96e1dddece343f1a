package io.yuqing.crawler.source;

import io.yuqing.core.config.SourceConfig;

import java.net.URLEncoder;
import java.nio.charset.Charset;

/** Site-search result page URLs: the source's template with {@code {query}} replaced by the encoded term. */
public final class SearchUrls {
    private SearchUrls() {
    }

    /**
     * The term is percent-encoded in the site's charset (GBK sites expect 云帆 as %D4%C6%B7%AB); spaces become %20,
     * which reads the same in a query string and in a path.
     */
    public static String forTerm(String template, String term, Charset charset) {
        String encoded = URLEncoder.encode(term.strip(), charset).replace("+", "%20");
        return template.replace(SourceConfig.QUERY_PLACEHOLDER, encoded);
    }
}
