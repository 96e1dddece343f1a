package io.yuqing.crawler.dedup;

/**
 * The near-duplicate cluster a document joined.
 *
 * @param clusterId     id of the cluster's first document
 * @param size          documents in the cluster, this one included
 * @param distinctHosts distinct source hosts among them: how far the story has spread
 * @param exact         whether this document's normalised text equals an earlier one's
 */
public record Cluster(String clusterId, int size, int distinctHosts, boolean exact) {
}
