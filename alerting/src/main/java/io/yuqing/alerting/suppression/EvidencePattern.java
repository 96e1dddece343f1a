package io.yuqing.alerting.suppression;

import io.yuqing.core.model.Evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The evidence pattern a false positive teaches: the sorted set of evidence terms. Terms rather than categories,
 * so that a mis-scored "拖欠" story does not hide a later, different wage-arrears story about the same enterprise.
 *
 * @param pattern the sorted distinct terms joined with '|'
 * @param key     SHA-256 of the pattern, hex: what the database compares
 */
public record EvidencePattern(String pattern, String key) {
    public static EvidencePattern of(List<Evidence> evidence) {
        TreeSet<String> terms = new TreeSet<>();
        for (Evidence e : evidence) {
            terms.add(e.term().strip().toLowerCase(Locale.ROOT));
        }
        String pattern = String.join("|", terms);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(pattern.getBytes(StandardCharsets.UTF_8));
            return new EvidencePattern(pattern, HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
