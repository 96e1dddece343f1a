package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells a data table (standings, prices, a staff list, figures in a report) from a layout table. A data table is a
 * grid: several rows with the same number of short cells, hardly any links, no table nested in it. Its cells
 * are short and unpunctuated, so the prose measure alone would count them as menu-like boilerplate and drop the
 * table with the article around it; the table is article content and is measured as such.
 */
final class DataTables {
    private static final int MIN_ROWS = 3;
    private static final int MIN_COLUMNS = 2;
    /** Longer cells are layout columns holding text, not figures. */
    private static final int MAX_CELL_LENGTH = 200;
    /** Rows with the table's usual cell count: a header or a footer row may span columns. */
    private static final double MIN_REGULAR_ROW_SHARE = 0.66;
    /** A table of links is a link list (a calendar of archives, a menu grid), not data. */
    private static final double MAX_LINK_SHARE = 0.3;

    private DataTables() {
    }

    static boolean isDataTable(Element table) {
        if (!table.tagName().equals("table") || table.selectFirst("table table") != null) {
            return false;
        }
        Map<Integer, Integer> rowsByCells = new HashMap<>();
        int rows = 0;
        for (Element row : table.select("tr")) {
            int cells = 0;
            for (Element cell : row.children()) {
                if (cell.tagName().equals("td") || cell.tagName().equals("th")) {
                    if (TextStats.visibleLength(cell.text()) > MAX_CELL_LENGTH) {
                        return false;
                    }
                    cells++;
                }
            }
            rows++;
            rowsByCells.merge(cells, 1, Integer::sum);
        }
        if (rows < MIN_ROWS) {
            return false;
        }
        Map.Entry<Integer, Integer> usual = rowsByCells.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        if (usual.getKey() < MIN_COLUMNS || usual.getValue() < MIN_REGULAR_ROW_SHARE * rows) {
            return false;
        }
        int text = TextStats.visibleLength(table.text());
        int linkText = 0;
        for (Element a : table.select("a")) {
            linkText += TextStats.visibleLength(a.text());
        }
        return text > 0 && linkText <= MAX_LINK_SHARE * text;
    }
}
