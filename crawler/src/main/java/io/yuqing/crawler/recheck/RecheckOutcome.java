package io.yuqing.crawler.recheck;

/** What one re-check of a stored article found. */
public sealed interface RecheckOutcome {

    /** Metric tag and state value. */
    String code();

    /** Same text as the version last seen. */
    record Unchanged() implements RecheckOutcome {
        public String code() {
            return "unchanged";
        }
    }

    /** The page is there with another text. */
    record Edited(String contentHash, String title, String text, String detail) implements RecheckOutcome {
        public String code() {
            return "edited";
        }
    }

    /** The page looks taken down (404/410, redirect to a home or list page, a deletion notice) for the reason given. */
    record LooksDeleted(String reason) implements RecheckOutcome {
        public String code() {
            return "deleted";
        }
    }

    /** The page could not be read this time (timeout, 5xx, host asked to wait): try again later. */
    record Unreachable(String message) implements RecheckOutcome {
        public String code() {
            return "unreachable";
        }
    }
}
