package io.yuqing.crawler.fetch;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharsetsTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final String TEXT = "青州云帆科技有限公司拖欠工资，员工讨薪无门";

    private static byte[] page(String meta, Charset charset) {
        return ("<html><head>" + meta + "<title>新闻</title></head><body><p>" + TEXT + "</p></body></html>").getBytes(charset);
    }

    @Test
    void headerCharsetWins() {
        Charsets.Decoded d = Charsets.decode(page("<meta charset=\"utf-8\">", GBK), "text/html; charset=GBK");
        assertEquals(Charsets.Origin.HEADER, d.origin());
        assertEquals(Charsets.GB18030, d.charset());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void metaCharsetWhenHeaderHasNone() {
        Charsets.Decoded d = Charsets.decode(page("<meta charset=\"gbk\">", GBK), "text/html");
        assertEquals(Charsets.Origin.META, d.origin());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void httpEquivMetaIsRead() {
        Charsets.Decoded d = Charsets.decode(
                page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", GBK), "");
        assertEquals(Charsets.Origin.META, d.origin());
        assertEquals(Charsets.GB18030, d.charset());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void undeclaredGbkIsDetected() {
        Charsets.Decoded d = Charsets.decode(page("", GBK), "text/html");
        assertEquals(Charsets.Origin.DETECTED, d.origin());
        assertEquals(Charsets.GB18030, d.charset());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void undeclaredUtf8IsDetected() {
        Charsets.Decoded d = Charsets.decode(page("", StandardCharsets.UTF_8), null);
        assertEquals(StandardCharsets.UTF_8, d.charset());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void byteOrderMarkBeatsMeta() {
        byte[] body = page("<meta charset=\"gbk\">", StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Charsets.Decoded d = Charsets.decode(withBom, "text/html");
        assertEquals(Charsets.Origin.BOM, d.origin());
        assertTrue(d.text().startsWith("<html>"), "the BOM is not part of the text");
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void headerClaimingUtf8OverGbkBytesFallsBackToThePageDeclaration() {
        Charsets.Decoded d = Charsets.decode(page("<meta charset=\"gb2312\">", GBK), "text/html; charset=UTF-8");
        assertEquals(Charsets.Origin.META, d.origin());
        assertTrue(d.text().contains(TEXT));
    }

    @Test
    void big5Works() {
        String traditional = "臺灣企業欠薪新聞";
        Charsets.Decoded d = Charsets.decode(("<meta charset=big5><p>" + traditional + "</p>").getBytes(Charset.forName("Big5")), "");
        assertTrue(d.text().contains(traditional), d.text());
    }

    @Test
    void unknownLabelIsIgnored() {
        Charsets.Decoded d = Charsets.decode(page("<meta charset=\"klingon\">", StandardCharsets.UTF_8), "text/html; charset=nonsense");
        assertEquals(StandardCharsets.UTF_8, d.charset());
        assertTrue(d.text().contains(TEXT));
    }
}
