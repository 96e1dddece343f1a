package io.yuqing.crawler.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Relative and year-less publish times, resolved against the fetch time in Beijing time (UTC+8). */
class RelativeDatesTest {
    /** 2024-11-24 15:40 in Beijing. */
    private static final Instant NOW = Instant.parse("2024-11-24T07:40:00Z");
    private final ArticleExtractor extractor = new ArticleExtractor();

    private static String page(String dateline) {
        return """
                <html><head><title>某公司拖欠工资</title></head><body>
                <h1>某公司拖欠工资 员工讨薪无门</h1>
                <div class="info"><span>%s</span> <span>来源：青州日报</span></div>
                <div class="content"><p>近日，多名员工向本报反映，位于东湖区的青州云帆科技有限公司已连续三个月未发放工资，涉及员工一百二十余人。</p>
                <p>对此，公司相关负责人表示，由于资金链紧张，公司正在积极筹措资金，争取在本月底前发放部分工资。</p></div>
                <div class="related"><a href="/x">其他新闻</a> 2024-10-01 08:00</div>
                </body></html>""".formatted(dateline);
    }

    private OffsetDateTime published(String dateline) {
        return extractor.extract(page(dateline).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://news.example.cn/a/1.html", NOW).publishedAt();
    }

    private static OffsetDateTime beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00");
    }

    @Test
    void agoFormsCountBackFromNow() {
        assertEquals(beijing("2024-11-24T12:40:00").toInstant(), published("3小时前").toInstant());
        assertEquals(beijing("2024-11-24T15:30:00").toInstant(), published("10分钟前").toInstant());
        assertEquals(beijing("2024-11-24T15:40:00").toInstant(), published("刚刚").toInstant());
        assertEquals(beijing("2024-11-24T15:10:00").toInstant(), published("半小时前").toInstant());
        assertEquals(beijing("2024-11-22T15:40:00").toInstant(), published("2天前").toInstant());
    }

    @Test
    void dayWordsWithAndWithoutTime() {
        assertEquals(beijing("2024-11-23T14:20:00").toInstant(), published("昨天 14:20").toInstant());
        assertEquals(beijing("2024-11-24T09:30:00").toInstant(), published("今天 09:30").toInstant());
        assertEquals(beijing("2024-11-22T00:00:00").toInstant(), published("前天").toInstant());
        assertEquals(beijing("2024-11-23T08:05:00").toInstant(), published("发布时间：昨天08:05").toInstant());
    }

    @Test
    void yearLessDatesTakeTheYearOfNowUnlessThatIsTheFuture() {
        assertEquals(beijing("2024-11-20T10:15:00").toInstant(), published("11-20 10:15").toInstant());
        assertEquals(beijing("2024-11-20T10:15:00").toInstant(), published("11月20日 10:15").toInstant());
        // Read in November, "12-31" is last New Year's Eve.
        assertEquals(beijing("2023-12-31T23:10:00").toInstant(), published("12-31 23:10").toInstant());
    }

    @Test
    void withoutNowRelativeTimesStayUnknown() {
        byte[] html = page("3小时前").replace("2024-10-01 08:00", "").getBytes(StandardCharsets.UTF_8);
        assertNull(extractor.extract(html, "text/html; charset=utf-8", "https://news.example.cn/a/1.html").publishedAt());
        assertEquals(beijing("2024-11-24T12:40:00").toInstant(), extractor.extract(html, "text/html; charset=utf-8",
                "https://news.example.cn/a/1.html", NOW).publishedAt().toInstant());
    }

    @Test
    void proseWordsAreNotDatelines() {
        String html = """
                <html><body><h1>讨薪</h1><div class="content"><p>昨天下午，数十名员工聚集在公司门口，刚刚离开的记者说情况仍未缓解，员工们要求公司给出明确的支付时间。</p></div></body></html>""";
        assertNull(extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://news.example.cn/a/2.html", NOW).publishedAt());
    }

    @Test
    void absoluteDateBeforeARelativeOneWins() {
        assertEquals(beijing("2024-11-21T09:00:00").toInstant(), published("2024-11-21 09:00 （3小时前更新）").toInstant());
    }
}
