package io.yuqing.indexer.match;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistMatcherTest {
    private static final Enterprise YUNFAN = new Enterprise("yf", "青州云帆科技有限公司", List.of("云帆科技", "云帆"),
            List.of("YunFan"), "", "", "");
    private static final Enterprise HUAXIN = new Enterprise("hx", "青州华信食品有限公司", List.of("华信食品"), List.of(), "", "", "");
    private static final Enterprise YUNFAN_LOGISTICS = new Enterprise("yfwl", "云帆科技物流", List.of(), List.of(), "", "", "");

    private final WatchlistMatcher matcher = new WatchlistMatcher(List.of(YUNFAN, HUAXIN, YUNFAN_LOGISTICS));

    @Test
    void longestNameWinsAndEachEnterpriseIsReportedOnceWithItsFullName() {
        List<Mention> mentions = matcher.match("", "青州云帆科技有限公司今日发布公告。云帆科技表示，将扩大生产。");
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 2, false)), mentions);
    }

    @Test
    void overlappingShorterNameOfAnotherEnterpriseIsDropped() {
        List<Mention> mentions = matcher.match("", "云帆科技物流的车辆今天到了。");
        assertEquals(List.of(new Mention("yfwl", "云帆科技物流", 1, false)), mentions);
    }

    @Test
    void fullWidthSpacesAndCaseAreNormalised() {
        List<Mention> mentions = matcher.match("", "ＹＵＮＦＡＮ 发布新品，华信 食品 也参加了。");
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 1, false),
                new Mention("hx", "青州华信食品有限公司", 1, false)), mentions);
    }

    @Test
    void latinAliasDoesNotMatchInsideALongerWord() {
        assertTrue(matcher.match("", "yunfanx is another brand").isEmpty());
    }

    @Test
    void orderedByFirstOccurrenceTitleFirstAndInTitleFlagged() {
        List<Mention> mentions = matcher.match("华信食品被投诉", "据悉，云帆科技与华信食品签约。");
        assertEquals(List.of(new Mention("hx", "青州华信食品有限公司", 2, true),
                new Mention("yf", "青州云帆科技有限公司", 1, false)), mentions);
    }

    @Test
    void shortAliasAloneInBodyDoesNotCount() {
        assertTrue(matcher.match("", "天上的云帆随风而去。").isEmpty());
    }

    @Test
    void shortAliasCountsWhenCorroboratedOrInTitle() {
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 2, false)),
                matcher.match("", "云帆科技今日开业。云帆的员工很多。"));
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 2, true)),
                matcher.match("云帆欠薪", "云帆的员工讨薪。"));
    }

    @Test
    void handlesThousandsOfEnterprises() {
        List<Enterprise> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new Enterprise("e" + i, "青州第" + i + "号机械制造有限公司", List.of("第" + i + "号机械"), List.of(), "", "", ""));
        }
        WatchlistMatcher big = new WatchlistMatcher(many);
        List<Mention> mentions = big.match("", "青州第4711号机械制造有限公司与第12号机械发生纠纷。");
        assertEquals(List.of("e4711", "e12"), mentions.stream().map(Mention::enterpriseId).toList());
    }
}
