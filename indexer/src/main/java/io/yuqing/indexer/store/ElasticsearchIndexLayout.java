package io.yuqing.indexer.store;

import java.util.regex.Pattern;

/**
 * Names and mapping of a store's indices. Documents are written through the write alias and read through the read
 * alias, so retention or a reindex can roll to a new index ({@code <prefix>-docs-000002}) and swap the aliases
 * without the service noticing. The index template gives every {@code <prefix>-docs-*} index the same mapping.
 */
record ElasticsearchIndexLayout(String prefix, TextAnalysis analysis) {
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Keyword fields, one value each or several (enterprise, category). */
    private static final String[] KEYWORDS = {IndexFields.ID, IndexFields.URL, IndexFields.SOURCE, IndexFields.ENTERPRISE,
            IndexFields.ENTERPRISE_NAME, IndexFields.CATEGORY, IndexFields.LEVEL, IndexFields.AUTHOR, IndexFields.OUTLET};
    private static final String[] DATES = {IndexFields.TIME, IndexFields.PUBLISHED, IndexFields.FETCHED};

    ElasticsearchIndexLayout {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Elasticsearch index prefix must be 1–64 of a-z 0-9 _ - (starting with a letter or digit): '"
                    + prefix + "'");
        }
    }

    String templateName() {
        return prefix + "-docs";
    }

    String firstIndex() {
        return prefix + "-docs-000001";
    }

    String writeAlias() {
        return prefix + "-docs-write";
    }

    String readAlias() {
        return prefix + "-docs-read";
    }

    /** The body of {@code PUT _index_template/<templateName>}. */
    String templateJson() {
        StringBuilder props = new StringBuilder();
        for (String k : KEYWORDS) {
            props.append('"').append(k).append("\":{\"type\":\"keyword\"},");
        }
        for (String d : DATES) {
            props.append('"').append(d).append("\":{\"type\":\"date\",\"format\":\"epoch_millis\"},");
        }
        props.append('"').append(IndexFields.SCORE).append("\":{\"type\":\"integer\"},");
        String words = analysis == TextAnalysis.SERVICE ? "whitespace" : "smartcn";
        String bigrams = analysis == TextAnalysis.SERVICE ? "whitespace" : "yuqing_cjk_bigram";
        for (String f : new String[]{IndexFields.TITLE_WORDS, IndexFields.TEXT_WORDS}) {
            props.append('"').append(f).append("\":{\"type\":\"text\",\"analyzer\":\"").append(words).append("\"},");
        }
        for (String f : new String[]{IndexFields.TITLE_BIGRAMS, IndexFields.TEXT_BIGRAMS}) {
            props.append('"').append(f).append("\":{\"type\":\"text\",\"analyzer\":\"").append(bigrams).append("\"},");
        }
        // The exact ScoredDocument (ScoredDocumentCodec, base64): what get() and hits return. Binary fields are not indexed.
        props.append('"').append(IndexFields.SNAPSHOT).append("\":{\"type\":\"binary\"}");
        // Same chain as CjkBigramAnalyzer, built from Elasticsearch's analysis-common filters.
        String analysisSettings = analysis == TextAnalysis.SERVICE ? "" : """
                ,"analysis":{"analyzer":{"yuqing_cjk_bigram":{"type":"custom","tokenizer":"standard",
                "filter":["cjk_width","lowercase","cjk_bigram"]}}}""";
        return """
                {"index_patterns":["%s-docs-*"],
                 "template":{
                  "aliases":{"%s":{}},
                  "settings":{"index":{"number_of_shards":1,"refresh_interval":"1s"}%s},
                  "mappings":{"dynamic":"strict",
                   "_source":{"excludes":["%s","%s","%s","%s"]},
                   "properties":{%s}}}}
                """.formatted(prefix, readAlias(), analysisSettings, IndexFields.TITLE_WORDS, IndexFields.TEXT_WORDS,
                IndexFields.TITLE_BIGRAMS, IndexFields.TEXT_BIGRAMS, props);
    }
}
