package io.yuqing.core.pipeline;

/**
 * Thrown by a {@link DocumentSink} that cannot take any document right now because what it writes to (the database,
 * the index) is down — as opposed to a problem with one document. The crawler then ends the cycle at once, leaving the
 * remaining articles unseen for a later cycle, instead of fetching each one only to fail on it.
 */
public final class SinkUnavailableException extends Exception {
    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
