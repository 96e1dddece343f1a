package io.yuqing.indexer.store;

/**
 * The search text is not valid query syntax. {@link #getMessage()} is written for the person who typed it: it names
 * the problem and the text, in Chinese and English, without a stack trace.
 */
public final class InvalidQueryException extends Exception {
    private final String query;

    public InvalidQueryException(String query, String detail) {
        super("查询语法有误，请检查引号、括号和 AND/OR/NOT 的用法 (invalid search syntax): '" + query + "' — " + detail);
        this.query = query;
    }

    public String query() {
        return query;
    }
}
