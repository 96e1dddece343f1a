package io.yuqing.alerting.escalation;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Item counts of one key in time buckets, oldest first, with running totals so the baseline costs nothing to read.
 * Only non-empty buckets are stored; absent buckets count as zero.
 */
final class BucketCounts {
    private static final class Bucket {
        final long index;
        int count;
        final Set<String> sources = new HashSet<>(4);

        Bucket(long index) {
            this.index = index;
        }
    }

    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private final long firstIndex;
    private long total;
    private double totalSquares;

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
        totalSquares += 2.0 * b.count + 1; // (c+1)² − c²
        b.count++;
        total++;
        b.sources.add(sourceId);
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
            Bucket b = buckets.pollFirst();
            total -= b.count;
            totalSquares -= (double) b.count * b.count;
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

    double totalSquares() {
        return totalSquares;
    }

    /** Count, sum of squared bucket counts, distinct sources and first non-empty bucket in (fromExclusive, to]. */
    Recent recent(long fromExclusive, long toInclusive) {
        int count = 0;
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
                squares += (double) b.count * b.count;
                sources.addAll(b.sources);
                first = b.index;
            }
        }
        return new Recent(count, squares, sources.size(), first);
    }

    record Recent(int count, double squares, int sources, long firstIndex) {
    }
}
