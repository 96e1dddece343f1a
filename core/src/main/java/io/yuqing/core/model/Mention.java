package io.yuqing.core.model;

/**
 * A watchlist enterprise found in an item.
 *
 * @param enterpriseId the enterprise's id
 * @param name         the enterprise's full name (the canonical name, whichever alias matched)
 * @param count        how many times any of its names occur in title and text
 * @param inTitle      whether a name occurs in the title
 */
public record Mention(String enterpriseId, String name, int count, boolean inTitle) {
}
