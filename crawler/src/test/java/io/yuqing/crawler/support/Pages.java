package io.yuqing.crawler.support;

/** Realistic Chinese news pages for tests: navigation, byline, body, share box, related links, comments. */
public final class Pages {
    private Pages() {
    }

    public static String article(String headline, String charsetMeta, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("      <p>").append(p).append("</p>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                  %s
                  <title>%s_青州新闻网</title>
                  <meta name="keywords" content="青州,新闻">
                  <link rel="stylesheet" href="/css/main.css">
                  <script>var _hmt = _hmt || []; document.write("广告脚本内容不应出现");</script>
                </head>
                <body>
                  <div class="top-nav">
                    <ul><li><a href="/">首页</a></li><li><a href="/news/">时政</a></li><li><a href="/biz/">经济</a></li>
                    <li><a href="/society/">社会</a></li><li><a href="/sports/">体育</a></li><li><a href="/ent/">娱乐</a></li></ul>
                  </div>
                  <div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/society/">社会</a> &gt; 正文</div>
                  <div class="main">
                    <h1 class="article-title">%s</h1>
                    <div class="article-info">
                      <span>发布时间：2024年11月24日 14:52</span>
                      <span>来源：青州日报</span>
                      <span>记者：王晓明</span>
                    </div>
                    <div class="article-content" id="content">
                %s
                    </div>
                    <div class="share-box"><a href="#">分享到微信</a><a href="#">分享到微博</a></div>
                    <div class="related">
                      <h3>相关阅读</h3>
                      <ul>
                        <li><a href="/a/1.html">青州市召开优化营商环境推进会</a></li>
                        <li><a href="/a/2.html">东湖区举办民营企业招聘会，提供岗位三千余个</a></li>
                        <li><a href="/a/3.html">市场监管局开展冬季食品安全专项检查</a></li>
                      </ul>
                    </div>
                    <p class="editor">责任编辑：李娜</p>
                  </div>
                  <div class="comment-list">
                    <div class="comment">网友甲：这家公司早就有问题了，大家小心！</div>
                    <div class="comment">网友乙：希望有关部门尽快处理。</div>
                  </div>
                  <div class="footer">
                    <p>版权所有 青州新闻网 © 2024 <a href="/about">关于我们</a> <a href="/contact">联系我们</a></p>
                    <p>鲁ICP备12345678号</p>
                  </div>
                </body>
                </html>
                """.formatted(charsetMeta, headline, headline, body);
    }

    public static final String HEADLINE = "青州某科技公司拖欠员工工资 劳动监察部门介入调查";

    public static final String[] PARAGRAPHS = {
            "近日，多名员工向本报反映，位于东湖区的青州云帆科技有限公司已连续三个月未发放工资，涉及员工一百二十余人。",
            "记者在现场看到，数十名员工聚集在公司门口，要求公司给出明确的支付时间。一位姓张的员工说：“我们每个月都按时上班，可是从八月份开始就没有拿到过一分钱。”",
            "对此，公司相关负责人表示，由于资金链紧张，公司正在积极筹措资金，争取在本月底前发放部分工资。",
            "青州市人力资源和社会保障局劳动保障监察支队表示，已于11月22日立案调查，并责令该公司限期支付拖欠的工资。",
            "律师提醒，劳动者遇到欠薪问题时，应注意保留考勤记录、工资条等证据，通过劳动仲裁等合法途径维护自身权益。"
    };

    public static String standardArticle(String charsetMeta) {
        return article(HEADLINE, charsetMeta, PARAGRAPHS);
    }
}
