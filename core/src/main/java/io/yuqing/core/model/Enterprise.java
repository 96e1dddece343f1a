package io.yuqing.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One enterprise on the watchlist.
 *
 * @param id         stable identifier (the unified social credit code when known, else a slug)
 * @param name       full registered name, e.g. 青州云帆科技有限公司
 * @param shortNames short names the press uses, e.g. 云帆科技
 * @param aliases    other names: brands, former names, nicknames
 * @param creditCode 统一社会信用代码, may be empty
 * @param district   district of the city, may be empty
 * @param industry   industry, may be empty
 */
public record Enterprise(String id, String name, List<String> shortNames, List<String> aliases,
                         String creditCode, String district, String industry) {

    public Enterprise {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("enterprise name must not be empty");
        }
        id = blankToDefault(id, name);
        shortNames = cleanNames(shortNames);
        aliases = cleanNames(aliases);
        creditCode = blankToDefault(creditCode, "");
        district = blankToDefault(district, "");
        industry = blankToDefault(industry, "");
    }

    /** Every name this enterprise goes by, full name first, without duplicates. */
    public List<String> allNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(name);
        names.addAll(shortNames);
        names.addAll(aliases);
        return List.copyOf(names);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static List<String> cleanNames(List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n != null && !n.isBlank() && !out.contains(n.strip())) {
                out.add(n.strip());
            }
        }
        return List.copyOf(out);
    }
}
