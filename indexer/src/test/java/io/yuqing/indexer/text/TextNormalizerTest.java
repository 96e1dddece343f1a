package io.yuqing.indexer.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormalizerTest {

    @Test
    void traditionalNamesAndTermsBecomeSimplified() {
        assertEquals("云帆科技", TextNormalizer.key("雲帆科技"));
        assertEquals("华信食品", TextNormalizer.key("華信食品"));
        assertEquals("拖欠工资", TextNormalizer.key("拖欠工資"));
        assertEquals("资金链断裂", TextNormalizer.key("資金鏈斷裂"));
        assertEquals("食物中毒", TextNormalizer.key("食物中毒"));
    }

    @Test
    void simplifiedTextIsLeftAsItIs() {
        String simplified = "青州云帆科技有限公司拖欠工资、资金链断裂、发生安全事故。";
        assertEquals(simplified, TextNormalizer.normalize(simplified).text());
    }

    @Test
    void ambiguousCharactersKeepTheirFormWhereOpenCcListsThemFirst() {
        // 乾 is both 干 (dry) and 乾 (乾隆); OpenCC keeps it, and so do we rather than guess.
        assertEquals("乾", TextNormalizer.key("乾"));
    }

    @Test
    void offsetsPointBackIntoTheTraditionalOriginal() {
        String original = "據悉，雲帆 科技拖欠工資。";
        NormalizedText n = TextNormalizer.normalize(original);
        assertEquals("据悉,云帆科技拖欠工资。", n.text());
        int start = n.text().indexOf("云帆科技");
        assertEquals("雲帆 科技", n.originalSlice(start, start + 4));
        int term = n.text().indexOf("拖欠工资");
        assertEquals("拖欠工資", n.originalSlice(term, term + 4));
    }

    @Test
    void simplifyKeepsLength() {
        String big5 = "當地居民對此高度關注，市場監管部門已介入調查";
        String simple = TraditionalToSimplified.simplify(big5);
        assertEquals(big5.length(), simple.length());
        assertEquals("当地居民对此高度关注，市场监管部门已介入调查", simple);
    }

    @Test
    void spaceTestAgreesWithTheUnicodePropertiesForEveryChar() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            boolean expected = Character.isWhitespace((char) c) || Character.isSpaceChar((char) c);
            assertEquals(expected, TextNormalizer.isSpace((char) c), "U+" + Integer.toHexString(c));
        }
    }
}
