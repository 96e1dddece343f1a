package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BylinePatternsTest {
    private final Document empty = Jsoup.parse("<html><head></head><body></body></html>");

    @Test
    void readsSignaturesAndForumPosters() {
        assertEquals("胡晓蓉", BylineExtractor.author(empty, "推动云南工业高质量发展。（记者 胡晓蓉） 责任编辑：孙重远"));
        assertEquals("姚峰", BylineExtractor.author(empty, "都不是利益再分配的过程吗？”（姚峰 上海报道） 最新评论"));
        assertEquals("ggjjzhzz", BylineExtractor.author(empty, "[湖湘文化] 警世钟 ggjjzhzz 发表于 2005-9-15 11:46:00"));
        assertEquals("宋怡 杨志华", BylineExtractor.author(empty, "编辑： 金金 来源： 21世纪经济报道 作者：宋怡 杨志华 我要说说 打印 推荐"));
    }

    @Test
    void proseAndMarkupAreNotNames() {
        assertEquals("", BylineExtractor.author(empty, "记者在现场看到，数十名员工聚集在公司门口。"));
        assertEquals("", BylineExtractor.author(empty, "作者： size=\"20\" 来源： size=\"20\""));
    }

    @Test
    void authorMetaNamingTheSiteIsIgnored() {
        assertFalse(BylineExtractor.looksLikePersonName("www.yunnan.cn,云南日报报业集团,云南网"));
        assertFalse(BylineExtractor.looksLikePersonName("L_104485"));
        assertFalse(BylineExtractor.looksLikePersonName("Discuz! Team and Comsenz UI Team"));
        assertTrue(BylineExtractor.looksLikePersonName("陈静"));
        assertTrue(BylineExtractor.looksLikePersonName("Natasha Turak"));
    }

    @Test
    void dateBeforeSourceAndTimeOfDayFromTheText() {
        Document doc = Jsoup.parse("<html><head><meta name=\"pubdate\" content=\"2022-02-13\"></head><body>x</body></html>");
        String text = "南京开学 2022-02-13 07:48 来源：新华日报 正文";
        assertEquals(OffsetDateTime.of(2022, 2, 13, 7, 48, 0, 0, ZoneOffset.ofHours(8)),
                PublishTimeExtractor.extract(doc, text, "南京开学").orElseThrow());
        assertEquals(OffsetDateTime.of(2005, 1, 14, 17, 2, 30, 0, ZoneOffset.ofHours(8)),
                PublishTimeExtractor.fromText("网易商业报道 查看商业部落 2005-01-14 17:02:30 来源: 21世纪经济报道", "无关标题").orElseThrow());
    }
}
