package io.yuqing.crawler.dedup;

import io.yuqing.crawler.state.CrawlStateException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups reposts of one story into clusters, kept in the crawl database (migration V2) so a restart keeps them.
 * A new document joins the cluster of an earlier one when
 * <ol>
 *   <li>its normalised text is identical (an exact copy on another URL), or</li>
 *   <li>its SimHash is within {@link #MAX_DISTANCE} bits (found through four 16-bit bands: two fingerprints that
 *       differ in at most 3 bits agree on at least one band), or</li>
 *   <li>at least half of the shorter text's sentences, and at least two, occur word for word in the other: a repost
 *       with its own boilerplate and a few words changed is about 10 SimHash bits away, but most of its sentences are
 *       untouched.</li>
 * </ol>
 * Otherwise it starts its own cluster, whose id is its own document id.
 *
 * <p>Retention ({@link #expireAssignedBefore}) forgets documents assigned before a cutoff. A cluster id is a string
 * every member carries, so a cluster whose first document expired lives on in its later members under the same id —
 * the id alerts and rule history refer to — and a new repost of them still joins it. Size and distinct hosts count the
 * members that remain.
 */
public final class NearDuplicateIndex {
    public static final int MAX_DISTANCE = 3;
    /** Texts shorter than this (after normalising) only match exact copies: their SimHash says too little. */
    static final int MIN_FUZZY_LENGTH = 40;
    /** Shorter sentences ("记者 王晓明") are too common to tell stories apart. */
    static final int MIN_SENTENCE_LENGTH = 10;
    private static final int MAX_SENTENCES = 300;
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?；;\\n\\r]+");

    private final DataSource dataSource;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock assigning = new java.util.concurrent.locks.ReentrantLock();

    public NearDuplicateIndex(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Assigns a document to its cluster and records it; assigning the same document id again changes nothing and
     * answers its cluster as it is now.
     *
     * @param host the host the document came from (for the spread count), e.g. www.example.cn
     */
    public Cluster assign(String documentId, String host, String text) {
        return assign(documentId, host, text, "");
    }

    /**
     * As {@link #assign(String, String, String)} for an item that belongs to another ({@code partOf}, e.g. a forum
     * reply to its opening post): it joins that item's cluster when that one was assigned, whatever its text.
     */
    public Cluster assign(String documentId, String host, String text, String partOf) {
        // One assignment at a time, so two copies of a story handed over together cannot both start a cluster. A lock
        // that parks its waiters: dozens of crawl threads spinning on a monitor here burned a tenth of the CPU.
        // The fingerprints are worked out before taking the lock: only the lookups and inserts need it.
        String normalized = SimHash.normalize(text);
        long simhash = SimHash.ofNormalized(normalized);
        String contentHash = sha256(normalized);
        List<Long> sentences = sentenceHashes(text);
        assigning.lock();
        try {
            return assignLocked(documentId, host, partOf, normalized, simhash, contentHash, sentences);
        } finally {
            assigning.unlock();
        }
    }

    private Cluster assignLocked(String documentId, String host, String partOf, String normalized, long simhash,
                                 String contentHash, List<Long> sentences) {
        String hostKey = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Cluster> existing = existing(c, documentId);
                if (existing.isPresent()) {
                    c.commit();
                    return existing.get();
                }
                boolean fuzzy = normalized.length() >= MIN_FUZZY_LENGTH;
                Optional<String> exactCluster = normalized.isEmpty() ? Optional.empty() : byContent(c, contentHash);
                Optional<String> cluster = exactCluster;
                if (cluster.isEmpty() && partOf != null && !partOf.isEmpty() && !partOf.equals(documentId)) {
                    // Its opening post comes first in a thread; should that one have failed, the reply stands alone.
                    cluster = clusterIdOf(c, partOf);
                }
                if (cluster.isEmpty() && fuzzy) {
                    cluster = bySimHash(c, simhash);
                }
                if (cluster.isEmpty() && fuzzy) {
                    cluster = bySentences(c, sentences);
                }
                String clusterId = cluster.orElse(documentId);
                insert(c, documentId, clusterId, hostKey, simhash, contentHash, sentences, exactCluster.isPresent(), cluster.isEmpty());
                // Most documents start a cluster of their own: one document on one host, nothing to count.
                Cluster result = cluster.isEmpty() ? new Cluster(documentId, 1, 1, false) : stats(c, clusterId, exactCluster.isPresent());
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not assign near-duplicate cluster for " + documentId + ": " + e.getMessage(), e);
        }
    }

    /** The cluster a document was assigned to, if it was. */
    public Optional<Cluster> clusterOf(String documentId) {
        try (Connection c = dataSource.getConnection()) {
            return existing(c, documentId);
        } catch (SQLException e) {
            throw new CrawlStateException("could not read near-duplicate cluster of " + documentId + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> clusterIdOf(Connection c, String documentId) {
        return query(c, "SELECT cluster_id FROM crawl_fingerprint WHERE doc_id = ?",
                ps -> ps.setString(1, documentId), rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
    }

    private Optional<Cluster> existing(Connection c, String documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cluster_id, exact_copy FROM crawl_fingerprint WHERE doc_id = ?")) {
            ps.setString(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(stats(c, rs.getString(1), rs.getBoolean(2)));
            }
        }
    }

    private static Optional<String> byContent(Connection c, String contentHash) {
        return query(c, "SELECT cluster_id FROM crawl_fingerprint WHERE content_hash = ? ORDER BY assigned_at, doc_id",
                ps -> ps.setString(1, contentHash), rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
    }

    private static Optional<String> bySimHash(Connection c, long simhash) throws SQLException {
        // One indexed lookup per band. With the four bands OR-ed in one condition H2 scans the whole table, so each
        // new document cost time in proportion to every document seen (a third of the service's CPU after a minute
        // at 100 documents/s); a UNION of the four builds a temporary result and costs more than the scan.
        record Candidate(String docId, String clusterId, long simhash, java.time.Instant assignedAt) { }
        java.util.Map<String, Candidate> candidates = new java.util.HashMap<>();
        for (int band = 0; band < 4; band++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc_id, cluster_id, simhash, assigned_at FROM crawl_fingerprint"
                    + " WHERE band" + band + " = ?")) {
                ps.setInt(1, band(simhash, band));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.putIfAbsent(rs.getString(1), new Candidate(rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getObject(4, java.time.OffsetDateTime.class).toInstant()));
                    }
                }
            }
        }
        // The earliest document at the smallest distance, as before: a story's cluster is its first report's.
        return candidates.values().stream()
                .filter(candidate -> SimHash.distance(simhash, candidate.simhash()) <= MAX_DISTANCE)
                .min(java.util.Comparator.comparingInt((Candidate candidate) -> SimHash.distance(simhash, candidate.simhash()))
                        .thenComparing(Candidate::assignedAt)
                        .thenComparing(Candidate::docId))
                .map(Candidate::clusterId);
    }

    private static Optional<String> bySentences(Connection c, List<Long> sentences) {
        if (sentences.size() < 2) {
            return Optional.empty();
        }
        String marks = String.join(",", java.util.Collections.nCopies(sentences.size(), "?"));
        return query(c, "SELECT f.cluster_id, f.sentence_count, COUNT(*) FROM crawl_fingerprint_sentence s"
                        + " JOIN crawl_fingerprint f ON f.doc_id = s.doc_id WHERE s.sentence_hash IN (" + marks + ")"
                        + " GROUP BY f.doc_id, f.cluster_id, f.sentence_count, f.assigned_at ORDER BY f.assigned_at, f.doc_id",
                ps -> {
                    for (int i = 0; i < sentences.size(); i++) {
                        ps.setLong(i + 1, sentences.get(i));
                    }
                },
                rs -> {
                    String best = null;
                    double bestShare = 0;
                    while (rs.next()) {
                        int shared = rs.getInt(3);
                        int shorter = Math.min(sentences.size(), rs.getInt(2));
                        double share = shorter == 0 ? 0 : (double) shared / shorter;
                        if (shared >= 2 && share >= 0.5 && share > bestShare) {
                            best = rs.getString(1);
                            bestShare = share;
                        }
                    }
                    return Optional.ofNullable(best);
                });
    }

    private void insert(Connection c, String documentId, String clusterId, String host, long simhash, String contentHash,
                        List<Long> sentences, boolean exact, boolean newCluster) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crawl_fingerprint (doc_id, cluster_id, host, simhash,"
                + " band0, band1, band2, band3, content_hash, sentence_count, exact_copy, assigned_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, documentId);
            ps.setString(2, clusterId);
            ps.setString(3, host);
            ps.setLong(4, simhash);
            for (int band = 0; band < 4; band++) {
                ps.setInt(5 + band, band(simhash, band));
            }
            ps.setString(9, contentHash);
            ps.setInt(10, sentences.size());
            ps.setBoolean(11, exact);
            ps.setObject(12, clock.instant().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        if (!sentences.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crawl_fingerprint_sentence (sentence_hash, doc_id) VALUES (?, ?)")) {
                for (long h : sentences) {
                    ps.setLong(1, h);
                    ps.setString(2, documentId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        // No longer read (stats counts hosts from the members); written for nodes of the previous version.
        boolean hostKnown = !newCluster && query(c, "SELECT 1 FROM crawl_cluster_host WHERE cluster_id = ? AND host = ?",
                ps -> {
                    ps.setString(1, clusterId);
                    ps.setString(2, host);
                }, ResultSet::next);
        if (!hostKnown) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crawl_cluster_host (cluster_id, host) VALUES (?, ?)")) {
                ps.setString(1, clusterId);
                ps.setString(2, host);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Size and spread from the members themselves (not from crawl_cluster_host, which only grew): after retention both
     * count the documents that remain.
     */
    private static Cluster stats(Connection c, String clusterId, boolean exact) throws SQLException {
        return query(c, "SELECT COUNT(*), COUNT(DISTINCT host) FROM crawl_fingerprint WHERE cluster_id = ?",
                ps -> ps.setString(1, clusterId),
                rs -> rs.next() ? new Cluster(clusterId, rs.getInt(1), rs.getInt(2), exact) : new Cluster(clusterId, 0, 0, exact));
    }

    /** Documents expired per transaction: a first run over a long history must not hold one huge transaction. */
    static final int EXPIRY_BATCH = 500;

    /**
     * Retention: forgets the documents assigned before {@code cutoff} (their fingerprints, sentence hashes and, where
     * no member from that host remains, their cluster's host row) and returns how many went. Later members keep their
     * cluster id, so stories alerted under it go on growing; documents assigned at or after the cutoff stay.
     */
    public int expireAssignedBefore(java.time.Instant cutoff) {
        assigning.lock();
        try {
            return expireLocked(cutoff);
        } finally {
            assigning.unlock();
        }
    }

    private int expireLocked(java.time.Instant cutoff) {
        int removed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                while (true) {
                    List<String> docs = new ArrayList<>();
                    Set<String> clusters = new java.util.TreeSet<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT doc_id, cluster_id FROM crawl_fingerprint"
                            + " WHERE assigned_at < ? ORDER BY assigned_at, doc_id FETCH FIRST " + EXPIRY_BATCH + " ROWS ONLY")) {
                        ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                docs.add(rs.getString(1));
                                clusters.add(rs.getString(2));
                            }
                        }
                    }
                    if (docs.isEmpty()) {
                        break;
                    }
                    String marks = String.join(",", java.util.Collections.nCopies(docs.size(), "?"));
                    for (String table : List.of("crawl_fingerprint_sentence", "crawl_fingerprint")) {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE doc_id IN (" + marks + ")")) {
                            for (int i = 0; i < docs.size(); i++) {
                                ps.setString(i + 1, docs.get(i));
                            }
                            ps.executeUpdate();
                        }
                    }
                    // Kept for nodes of the previous version, which still read it: a host row goes with the last member from that host.
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM crawl_cluster_host WHERE cluster_id = ?"
                            + " AND host NOT IN (SELECT host FROM crawl_fingerprint WHERE cluster_id = ?)")) {
                        for (String cluster : clusters) {
                            ps.setString(1, cluster);
                            ps.setString(2, cluster);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    c.commit();
                    removed += docs.size();
                    if (docs.size() < EXPIRY_BATCH) {
                        break;
                    }
                }
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not expire near-duplicate rows assigned before " + cutoff
                    + " (" + removed + " removed so far): " + e.getMessage(), e);
        }
    }

    /**
     * A credit clause that reposts put before a story's first words (据青州日报报道， / 记者从市应急管理局获悉， /
     * 来源：青州日报 / 转自…): without it, a short repost's first sentence is the original's, word for word.
     */
    private static final Pattern CREDIT_CLAUSE = Pattern.compile(
            "^\\s*(?:[（(【\\[]?\\s*(?:来源|稿源|转自|转载自|本文转自|本文来源|原标题)\\s*[:：]?[^，,。）)】\\]]{1,40}[）)】\\]]?\\s*[，,：:]?"
                    + "|据[^，,。]{1,30}?(?:报道|消息|通报|介绍|获悉)\\s*[，,：:]"
                    + "|记者(?:从|在)?[^，,。]{1,30}?(?:获悉|了解到|得知)\\s*[，,：:])");

    /** Hashes of the text's sentences long enough to tell stories apart, each once, in order. */
    static List<Long> sentenceHashes(String text) {
        Set<Long> hashes = new LinkedHashSet<>();
        if (text != null) {
            for (String sentence : SENTENCE_END.split(text)) {
                String n = SimHash.normalize(CREDIT_CLAUSE.matcher(sentence).replaceFirst(""));
                if (n.codePointCount(0, n.length()) >= MIN_SENTENCE_LENGTH && hashes.size() < MAX_SENTENCES) {
                    hashes.add(SimHash.hash(n));
                }
            }
        }
        return new ArrayList<>(hashes);
    }

    static int band(long simhash, int band) {
        return (int) ((simhash >>> (16 * band)) & 0xffff);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(Connection c, String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new CrawlStateException("near-duplicate lookup failed: " + e.getMessage(), e);
        }
    }
}
