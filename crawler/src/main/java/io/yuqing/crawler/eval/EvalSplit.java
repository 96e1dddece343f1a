package io.yuqing.crawler.eval;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The fixed split of every extraction dataset into a tuning part (two thirds) and a held-out part (one third), by a
 * stable hash of the page id (the HTML file's name without extension): rules are tuned on the first and confirmed on
 * the second, so a figure on the held-out part says how the extractor does on pages nobody looked at while tuning.
 */
public enum EvalSplit {
    TUNING("tuning two thirds"),
    HELD_OUT("held-out third");

    private final String label;

    EvalSplit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The part a page belongs to: CRC-32 of its id's UTF-8 bytes, remainder 0 of 3 is held out. */
    public static EvalSplit of(String pageId) {
        CRC32 crc = new CRC32();
        crc.update(pageId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 3 == 0 ? HELD_OUT : TUNING;
    }
}
