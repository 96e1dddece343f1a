package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publish and update stamps are the page's, not the article's, however long they are. */
class StampLinesTest {
    @Test
    void stampsInTheirUsualForms() {
        assertTrue(StampLines.isStamp("Updated 11:21 pm CST, Tuesday, November 19, 2019"));
        assertTrue(StampLines.isStamp("By Metro Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM"));
        assertTrue(StampLines.isStamp("Updated at 1:23 p.m."), "a label opens a stamp even when it ends with a full stop");
        assertTrue(StampLines.isStamp("Last Updated : Nov 20, 2019 01:41 PM IST | Source: Example.com"));
        assertTrue(StampLines.isStamp("发布时间：2024-11-24 14:52 来源：青州日报"));
    }

    @Test
    void sentencesThatMentionADateAreNotStamps() {
        assertFalse(StampLines.isStamp("The plant closed on November 19, 2019, after inspectors found leaks."));
        assertFalse(StampLines.isStamp("青州市人社局2024年11月24日通报，某建筑公司拖欠农民工工资一案已进入调解程序。"));
        assertFalse(StampLines.isStamp("Workers said they had not been paid since May and that the owners had left the city"),
                "no date or time in it");
        assertFalse(StampLines.isStamp("WASHINGTON, Nov 19 (Reuters) - The Senate on Tuesday passed a stopgap bill to keep the "
                + "government funded through December 20, averting a shutdown."), "a long lead paragraph");
    }

    @Test
    void aLongUpdateStampAboveTheFirstParagraphIsCut() {
        String first = "SANTA FE, N.M. (AP) — A cat missing for five years in Portland has been found in Santa Fe.";
        String html = "<div class=story><p>Updated 11:21 pm CST, Tuesday, November 19, 2019</p><p>" + first + "</p>"
                + "<p>The animal shelter said a microchip scan identified the cat and its owner, who was told at once.</p></div>";
        String text = MainTextExtractor.extract(Jsoup.parse("<html><body>" + html + "</body></html>").body(), "");
        assertTrue(text.startsWith(first), text);
    }
}
