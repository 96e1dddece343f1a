package io.yuqing.app.sources;

/** What became of a request to add, pause, resume or remove a source: done, or refused with the reason staff read. */
public sealed interface SourceChange {
    String message();

    record Done(RegisteredSource source, String message) implements SourceChange {
    }

    record Refused(Reason reason, String message) implements SourceChange {
    }

    enum Reason { INVALID, DUPLICATE, NOT_FOUND, NOT_ALLOWED }
}
