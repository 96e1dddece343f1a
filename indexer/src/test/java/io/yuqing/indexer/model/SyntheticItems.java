package io.yuqing.indexer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small synthetic training set: one context makes news bad for the entity it names, the other does not. */
final class SyntheticItems {
    static final String[] PREFIXES = {"华", "鑫", "泰", "恒", "盛", "瑞", "丰", "博", "安", "金", "宏", "景"};
    static final String[] SUFFIXES = {"达科技", "源实业", "通物流", "信金融", "和食品", "远建设"};

    private SyntheticItems() {
    }

    static String name(Random random) {
        return PREFIXES[random.nextInt(PREFIXES.length)] + PREFIXES[random.nextInt(PREFIXES.length)]
                + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }

    /**
     * Items naming two enterprises: in negative items the first is 被曝资金链断裂、员工讨薪 (bad for it), the second
     * only 举办了产品发布会; in the others both are harmless. A third of the negative items deny the news instead
     * (公司否认拖欠工资), and are not negative.
     */
    static List<LabelledItem> generate(int count, long seed) {
        Random random = new Random(seed);
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String bad = name(random);
            String good = name(random);
            while (good.equals(bad)) {
                good = name(random);
            }
            String text;
            boolean negative;
            switch (i % 3) {
                case 0 -> {
                    text = "据报道，" + bad + "被曝资金链断裂，大批员工讨薪无果。同日，" + good + "举办了产品发布会。";
                    negative = true;
                }
                case 1 -> {
                    text = bad + "发布声明，否认拖欠工资一事，称工资均已按时发放。" + good + "举办了产品发布会。";
                    negative = false;
                }
                default -> {
                    text = bad + "与" + good + "签署战略合作协议，双方将在新能源领域开展合作。";
                    negative = false;
                }
            }
            items.add(new LabelledItem("s" + i, "", text, List.of(bad, good), negative,
                    negative ? List.of(bad) : List.of()));
        }
        return items;
    }
}
