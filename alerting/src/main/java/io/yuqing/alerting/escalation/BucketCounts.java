package io.yuqing.alerting.escalation;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Item counts of one key in time buckets, oldest first, with running totals so the baseline costs nothing to read.
 * Only non-empty buckets are stored; absent buckets count as zero. Items that belonged to a surge the detector fired
 * on are marked: they stay in the windows' counts but are left out of the baseline totals, so a burst does not
 * teach the baseline that bursts are normal (and hide the next one).
 */
final class BucketCounts {
    private static final class Bucket {
        final long index;
        int count;
        /** Items of this bucket that belonged to a fired surge (0 ≤ episode ≤ count). */
        int episode;
        final Set<String> sources = new HashSet<>(4);

        Bucket(long index) {
            this.index = index;
        }
    }

    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private final long firstIndex;
    private long total;
    /** Totals over items not marked as part of a surge: what the baseline reads. */
    private long cleanTotal;
    private double cleanSquares;

    BucketCounts(long firstIndex) {
        this.firstIndex = firstIndex;
    }

    /** The bucket this key was first seen in: the baseline cannot reach back further than that. */
    long firstIndex() {
        return firstIndex;
    }

    void add(long index, String sourceId) {
        Bucket b = find(index);
        if (b == null) {
            b = insert(index);
        }
        forget(b);
        b.count++;
        remember(b);
        b.sources.add(sourceId);
    }

    /**
     * Marks up to {@code items} items in buckets {@code [fromIndex, toIndex]} as part of a surge, the fullest buckets
     * first (they are the surge; the scattered rest is the usual background).
     */
    void markEpisode(long fromIndex, long toIndex, int items) {
        java.util.List<Bucket> in = new java.util.ArrayList<>();
        Iterator<Bucket> it = buckets.descendingIterator();
        while (it.hasNext()) {
            Bucket b = it.next();
            if (b.index < fromIndex) {
                break;
            }
            if (b.index <= toIndex && b.episode < b.count) {
                in.add(b);
            }
        }
        in.sort(java.util.Comparator.comparingInt((Bucket b) -> b.count - b.episode).reversed());
        int left = items;
        for (Bucket b : in) {
            if (left <= 0) {
                break;
            }
            int take = Math.min(left, b.count - b.episode);
            forget(b);
            b.episode += take;
            remember(b);
            left -= take;
        }
    }

    private void forget(Bucket b) {
        total -= b.count;
        int clean = b.count - b.episode;
        cleanTotal -= clean;
        cleanSquares -= (double) clean * clean;
    }

    private void remember(Bucket b) {
        total += b.count;
        int clean = b.count - b.episode;
        cleanTotal += clean;
        cleanSquares += (double) clean * clean;
    }

    private Bucket find(long index) {
        Iterator<Bucket> it = buckets.descendingIterator();
        while (it.hasNext()) {
            Bucket b = it.next();
            if (b.index == index) {
                return b;
            }
            if (b.index < index) {
                return null;
            }
        }
        return null;
    }

    /** Keeps the deque ordered; late items land a few buckets back at most, so this rarely shifts much. */
    private Bucket insert(long index) {
        Bucket b = new Bucket(index);
        if (buckets.isEmpty() || buckets.peekLast().index < index) {
            buckets.addLast(b);
            return b;
        }
        ArrayDeque<Bucket> newer = new ArrayDeque<>();
        while (!buckets.isEmpty() && buckets.peekLast().index > index) {
            newer.addFirst(buckets.pollLast());
        }
        buckets.addLast(b);
        buckets.addAll(newer);
        return b;
    }

    /** Drops buckets older than {@code oldestKept}. */
    void prune(long oldestKept) {
        while (!buckets.isEmpty() && buckets.peekFirst().index < oldestKept) {
            forget(buckets.pollFirst());
        }
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }

    long newestIndex() {
        return buckets.isEmpty() ? Long.MIN_VALUE : buckets.peekLast().index;
    }

    long total() {
        return total;
    }

    /** Items not marked as part of a surge. */
    long cleanTotal() {
        return cleanTotal;
    }

    double cleanSquares() {
        return cleanSquares;
    }

    /**
     * Count, distinct sources, first non-empty bucket, and the unmarked count and its sum of squared bucket counts in
     * (fromExclusive, to].
     */
    Recent recent(long fromExclusive, long toInclusive) {
        int count = 0;
        int clean = 0;
        double squares = 0;
        long first = Long.MAX_VALUE;
        Set<String> sources = new HashSet<>();
        Iterator<Bucket> it = buckets.descendingIterator();
        while (it.hasNext()) {
            Bucket b = it.next();
            if (b.index <= fromExclusive) {
                break;
            }
            if (b.index <= toInclusive) {
                count += b.count;
                clean += b.count - b.episode;
                squares += (double) (b.count - b.episode) * (b.count - b.episode);
                sources.addAll(b.sources);
                first = b.index;
            }
        }
        return new Recent(count, clean, squares, sources.size(), first);
    }

    /** @param cleanSquares sum of squared unmarked bucket counts */
    record Recent(int count, int clean, double cleanSquares, int sources, long firstIndex) {
    }
}
