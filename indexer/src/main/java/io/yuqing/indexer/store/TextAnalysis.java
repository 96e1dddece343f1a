package io.yuqing.indexer.store;

import java.util.Locale;

/**
 * Where an Elasticsearch store analyses Chinese text (setting {@code analyzer} of
 * {@link ElasticsearchDocumentStore#connect}).
 */
public enum TextAnalysis {
    /**
     * {@code "service"} (default): this service segments title and text with Lucene's smartcn and bigram analyzers and
     * sends the tokens, space-separated, to {@code whitespace}-analysed fields. Needs no cluster plugin, so it works
     * with any cluster, including the plugin-less integration-test distribution.
     */
    SERVICE,
    /**
     * {@code "smartcn"}: the cluster analyses raw text itself with the official {@code analysis-smartcn} plugin
     * (which must be installed on every node) and a built-in {@code cjk_bigram} chain.
     */
    SMARTCN;

    /** Reads the setting; blank means {@link #SERVICE}. */
    public static TextAnalysis fromSetting(String setting) {
        if (setting == null || setting.isBlank()) {
            return SERVICE;
        }
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "service" -> SERVICE;
            case "smartcn" -> SMARTCN;
            default -> throw new IllegalArgumentException(
                    "Elasticsearch analyzer must be 'service' or 'smartcn', not '" + setting + "'");
        };
    }
}
