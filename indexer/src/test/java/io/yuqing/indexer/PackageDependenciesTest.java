package io.yuqing.indexer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexer's packages depend on each other one way only (eval uses model, never the reverse): read from the main
 * sources, where a reference is an import or a fully qualified name of another indexer package.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/yuqing/indexer");
    private static final Pattern REFERENCE = Pattern.compile("io\\.yuqing\\.indexer\\.([a-z][a-z0-9]*)\\b");

    @Test
    void noTwoPackagesDependOnEachOtherEvenThroughOthers() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.containsKey("model") && uses.containsKey("eval"), () -> "packages read: " + uses.keySet());
        assertTrue(uses.get("eval").contains("model"), "eval should use model, or this test reads nothing");
        assertEquals(List.of(), cycles(uses), () -> "package dependencies: " + uses);
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(file).getParent();
                if (dir == null) {
                    continue;
                }
                String pkg = dir.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** Every package that can reach itself, with the path that does. */
    private static List<String> cycles(Map<String, Set<String>> uses) {
        List<String> found = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = new ArrayList<>(List.of(start));
            if (reaches(start, start, uses, path, new TreeSet<>())) {
                found.add(String.join(" -> ", path));
            }
        }
        return found;
    }

    private static boolean reaches(String from, String target, Map<String, Set<String>> uses, List<String> path,
                                   Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            path.add(next);
            if (next.equals(target) || (seen.add(next) && reaches(next, target, uses, path, seen))) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }
}
