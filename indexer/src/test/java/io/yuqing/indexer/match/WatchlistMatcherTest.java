package io.yuqing.indexer.match;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @Test
    void traditionalTextMatchesSimplifiedNames() {
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 1, true), new Mention("hx", "青州华信食品有限公司", 1, false)),
                matcher.match("雲帆科技欠薪", "據悉，華信食品亦受影響。"));
    }

    @Test
    void traditionalNamesOnTheWatchlistMatchSimplifiedText() {
        Enterprise big5 = new Enterprise("tw", "青州長江電子有限公司", List.of("長江電子"), List.of(), "", "", "");
        assertEquals(List.of(new Mention("tw", "青州長江電子有限公司", 1, false)),
                new WatchlistMatcher(List.of(big5)).match("", "长江电子今日停产。"));
    }

    @Test
    void hitInsideAnExclusionPhraseDoesNotCount() {
        Enterprise yunfanShort = new Enterprise("yf", "云帆", List.of(), List.of(), "", "", "");
        WatchlistMatcher withExclusions = new WatchlistMatcher(List.of(yunfanShort), Map.of("yf", List.of("云帆路", "雲帆小區")));
        assertTrue(withExclusions.match("云帆路施工", "云帆路与青年路交口今晨封闭。").isEmpty());
        assertTrue(withExclusions.match("", "云帆小区停水。").isEmpty(), "exclusion phrases are normalised too");
        assertEquals(List.of(new Mention("yf", "云帆", 1, false)),
                withExclusions.match("", "位于云帆路的云帆公司拖欠工资。"));
        // Without exclusions the street counts: the test above can fail.
        assertEquals(List.of(new Mention("yf", "云帆", 1, true)),
                new WatchlistMatcher(List.of(yunfanShort)).match("云帆路施工", ""));
    }

    @Test
    void excludedHitDoesNotCorroborateAShortAlias() {
        WatchlistMatcher withExclusions = new WatchlistMatcher(List.of(YUNFAN), Map.of("yf", List.of("云帆科技园")));
        assertTrue(withExclusions.match("", "云帆科技园里，云帆的旗帜飘扬。").isEmpty());
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 2, false)),
                matcher.match("", "云帆科技园里，云帆的旗帜飘扬。").stream().filter(m -> m.enterpriseId().equals("yf")).toList());
    }

    @Test
    void exclusionAppliesOnlyToItsOwnEnterprise() {
        Enterprise street = new Enterprise("a", "云帆", List.of(), List.of(), "", "", "");
        Enterprise other = new Enterprise("b", "云帆路桥集团", List.of("云帆"), List.of(), "", "", "");
        WatchlistMatcher m = new WatchlistMatcher(List.of(street, other), Map.of("a", List.of("云帆路")));
        assertEquals(List.of("b"), m.match("云帆路桥集团中标", "云帆路").stream().map(Mention::enterpriseId).toList());
    }

    @Test
    void exclusionWithoutAnyOfTheNamesOrForAnUnknownIdIsIgnored() {
        WatchlistMatcher m = new WatchlistMatcher(List.of(YUNFAN), Map.of("yf", List.of("青年路"), "nobody", List.of("云帆路")));
        assertEquals(List.of(new Mention("yf", "青州云帆科技有限公司", 1, false)), m.match("", "云帆科技位于青年路。"));
    }
}
