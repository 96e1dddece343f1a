package io.yuqing.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTest {
    @Test
    void escapesEverythingThatCanBreakOut() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;", Html.escape("<script>alert('x')</script> & \""));
        assertEquals("", Html.escape(null));
    }

    @Test
    void onlyAbsoluteHttpLinksAreClickable() {
        assertEquals(Optional.of("https://a.cn/x?y=1"), Html.safeHref(" https://a.cn/x?y=1 "));
        assertEquals(Optional.empty(), Html.safeHref("javascript:alert(1)"));
        assertEquals(Optional.empty(), Html.safeHref("data:text/html,<b>"));
        assertEquals(Optional.empty(), Html.safeHref("/relative"));
        assertEquals("#", Html.hrefOrHash("JaVaScRiPt:alert(1)"));
        assertEquals("https://a.cn/?a=1&amp;b=2", Html.hrefOrHash("https://a.cn/?a=1&b=2"));
        assertEquals("#", Html.hrefOrHash("https://a.cn/\"onmouseover=x"));
    }

    @Test
    void highlightMarksTermsAndStillEscapes() {
        assertEquals("公司&lt;b&gt;<mark>拖欠工资</mark>，<mark>欠薪</mark>",
                Html.highlight("公司<b>拖欠工资，欠薪", List.of("欠薪", "拖欠工资")));
        assertEquals("<mark>&lt;x&gt;</mark>", Html.highlight("<x>", List.of("<x>")));
        assertEquals("一二…", Html.abbreviate("一二三四", 3));
    }
}
