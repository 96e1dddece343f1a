package io.yuqing.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The document index: Lucene on local disk (one machine), or an Elasticsearch cluster (several app nodes).
 *
 * @param backend       {@code lucene} or {@code elasticsearch}
 * @param dir           Lucene: the index directory; empty means {@code <dataDir>/index}
 * @param elasticsearch Elasticsearch: where and how
 * @param retention     documents are removed from the index this long after they were fetched; zero keeps them all
 */
public record IndexConfig(String backend, String dir, Elasticsearch elasticsearch, Duration retention) {
    public IndexConfig {
        retention = retention == null ? Duration.ZERO : retention;
        if (retention.isNegative()) {
            throw new IllegalArgumentException("index retention must not be negative (0 keeps every document), not " + retention);
        }
        backend = backend == null || backend.isBlank() ? "lucene" : backend.strip().toLowerCase(Locale.ROOT);
        if (!backend.equals("lucene") && !backend.equals("elasticsearch")) {
            throw new IllegalArgumentException("index backend must be lucene or elasticsearch, not '" + backend + "'");
        }
        dir = dir == null ? "" : dir.strip();
        elasticsearch = elasticsearch == null ? new Elasticsearch(null, null, null, null) : elasticsearch;
        if (backend.equals("elasticsearch") && elasticsearch.hosts().isEmpty()) {
            throw new IllegalArgumentException("index backend elasticsearch needs elasticsearch.hosts, e.g. [http://es1:9200]");
        }
    }

    public IndexConfig(String backend, String dir, Elasticsearch elasticsearch) {
        this(backend, dir, elasticsearch, null);
    }

    public IndexConfig(String dir) {
        this(null, dir, null, null);
    }

    public IndexConfig withRetention(Duration newRetention) {
        return new IndexConfig(backend, dir, elasticsearch, newRetention);
    }

    /** Whether documents are ever removed for age. */
    public boolean retains() {
        return !retention.isZero();
    }

    public boolean usesElasticsearch() {
        return backend.equals("elasticsearch");
    }

    /**
     * @param hosts       cluster nodes, e.g. http://es1:9200
     * @param indexPrefix names of the index template, indices and aliases start with this
     * @param analysis    {@code service}: Chinese text is analysed by the service (no plugin needed);
     *                    {@code smartcn}: by the cluster's analysis-smartcn plugin
     * @param rolloverAfter with retention: a new index is started once the write index holds this span of fetch
     *                    times, so whole indices can be deleted and a document outlives the retention by at most this
     */
    public record Elasticsearch(List<URI> hosts, String indexPrefix, String analysis, Duration rolloverAfter) {
        public Elasticsearch(List<URI> hosts, String indexPrefix, String analysis) {
            this(hosts, indexPrefix, analysis, null);
        }

        public Elasticsearch {
            rolloverAfter = rolloverAfter == null ? Duration.ofDays(7) : rolloverAfter;
            if (rolloverAfter.isNegative() || rolloverAfter.isZero()) {
                throw new IllegalArgumentException("elasticsearch rolloverAfter must be positive, e.g. 7d, not " + rolloverAfter);
            }
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            for (URI h : hosts) {
                if (h.getScheme() == null || !(h.getScheme().equals("http") || h.getScheme().equals("https")) || h.getHost() == null) {
                    throw new IllegalArgumentException("elasticsearch host must be an http(s) URL such as http://es1:9200, not '" + h + "'");
                }
            }
            indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? "yuqing" : indexPrefix.strip();
            analysis = analysis == null || analysis.isBlank() ? "service" : analysis.strip().toLowerCase(Locale.ROOT);
            if (!analysis.equals("service") && !analysis.equals("smartcn")) {
                throw new IllegalArgumentException("elasticsearch analysis must be service or smartcn, not '" + analysis + "'");
            }
        }
    }
}
