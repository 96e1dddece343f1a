package io.yuqing.indexer.match;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of {@link WatchlistMatcher} on one thread: a watchlist of 10,000 enterprises × 5 names and generated
 * Chinese news text in which some of them occur. Prints MB/s of UTF-8 text; figures go to docs/benchmarks.md.
 * Usage: {@code MatcherBench [enterprises=10000] [megabytes=64]}.
 */
public final class MatcherBench {
    private static final String HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    private MatcherBench() {
    }

    public static void main(String[] args) {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Random random = new Random(20261125L);
        List<Enterprise> watchlist = new ArrayList<>(enterprises);
        for (int i = 0; i < enterprises; i++) {
            String core = word(random, 2) + word(random, 2);
            watchlist.add(new Enterprise("e" + i, "青州" + core + "科技有限公司", List.of(core + "科技", core + "集团"),
                    List.of(core + "智联", core + "股份"), "", "", ""));
        }
        long buildStart = System.nanoTime();
        WatchlistMatcher matcher = new WatchlistMatcher(watchlist);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

        List<String> texts = new ArrayList<>();
        long bytes = 0;
        while (bytes < megabytes * 1_000_000L) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < 20; s++) {
                sb.append(word(random, 8 + random.nextInt(20)));
                if (random.nextInt(4) == 0) {
                    Enterprise e = watchlist.get(random.nextInt(enterprises));
                    sb.append(e.allNames().get(random.nextInt(e.allNames().size())));
                }
                sb.append("。");
            }
            String t = sb.toString();
            texts.add(t);
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        long mentions = 0;
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            for (String t : texts) {
                List<Mention> found = matcher.match("", t);
                mentions += found.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %.1f MB/s (%d texts, %.1f MB UTF-8, %d names; automaton built in %.2f s)%n",
                    round, bytes / 1e6 / seconds, texts.size(), bytes / 1e6, enterprises * 5, buildSeconds);
        }
        System.out.println("mentions found (all rounds): " + mentions);
    }

    private static String word(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(HAN.charAt(random.nextInt(HAN.length())));
        }
        return sb.toString();
    }
}
