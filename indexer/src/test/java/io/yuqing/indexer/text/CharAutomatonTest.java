package io.yuqing.indexer.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CharAutomatonTest {
    @Test
    void findsEveryOccurrenceIncludingOverlapsAndSuffixes() {
        CharAutomaton a = CharAutomaton.of(List.of("云帆科技", "青州云帆科技有限公司", "科技", "he", "she", "his", "hers", ""));
        assertEquals(Set.of("0:9:青州云帆科技有限公司", "2:5:云帆科技", "4:5:科技"), render(a, a.find("青州云帆科技有限公司")));
        assertEquals(Set.of("1:3:she", "2:3:he", "2:5:hers"), render(a, a.find("ushers")));
        assertEquals(List.of(), a.find(""));
    }

    @Test
    void agreesWithNaiveSearchOnRandomInput() {
        Random random = new Random(7);
        String alphabet = "甲乙丙丁ab";
        for (int round = 0; round < 200; round++) {
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 1 + random.nextInt(12); w++) {
                words.add(randomString(random, alphabet, 1 + random.nextInt(4)));
            }
            String text = randomString(random, alphabet, random.nextInt(60));
            CharAutomaton a = CharAutomaton.of(words);
            Set<String> expected = new HashSet<>();
            for (String w : new HashSet<>(words)) {
                for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
                    expected.add(i + ":" + (i + w.length() - 1) + ":" + w);
                }
            }
            assertEquals(expected, render(a, a.find(text)), words + " in " + text);
        }
    }

    @Test
    void longestMatchesKeepTheLongestNonOverlapping() {
        CharAutomaton a = CharAutomaton.of(List.of("云帆科技", "青州云帆科技有限公司", "科技", "有限公司"));
        List<CharAutomaton.Hit> kept = LongestMatches.select(a.find("青州云帆科技有限公司与云帆科技"));
        assertEquals(List.of("青州云帆科技有限公司", "云帆科技"), kept.stream().sorted(Comparator.comparingInt(CharAutomaton.Hit::start))
                .map(h -> a.keyword(h.keyword())).toList());
    }

    private static Set<String> render(CharAutomaton a, List<CharAutomaton.Hit> hits) {
        Set<String> out = new HashSet<>();
        for (CharAutomaton.Hit h : hits) {
            out.add(h.start() + ":" + h.endInclusive() + ":" + a.keyword(h.keyword()));
        }
        return out;
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
