package io.yuqing.core.config;

import io.yuqing.core.model.Enterprise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistCsvTest {
    @Test
    void readsEnglishAndChineseHeadersWithBomAndMultiNameCells() throws ConfigException {
        List<Enterprise> list = WatchlistCsv.parse("""
                \uFEFFname,shortNames,aliases,creditCode,district,industry
                青州云帆科技有限公司,云帆科技;云帆,"云帆, 青州",91370700MA3C000001,东湖区,软件
                青州禾丰食品有限公司,禾丰食品,,,西山区,食品
                """, "w.csv");
        assertEquals(2, list.size());
        assertEquals(List.of("云帆科技", "云帆"), list.get(0).shortNames());
        assertEquals(List.of("云帆, 青州"), list.get(0).aliases());
        assertEquals("西山区", list.get(1).district());

        List<Enterprise> zh = WatchlistCsv.parse("企业名称,简称,行业\n青州云帆科技有限公司,云帆科技；云帆,软件\n", "z.csv");
        assertEquals(List.of("云帆科技", "云帆"), zh.getFirst().shortNames());
        assertEquals("软件", zh.getFirst().industry());
    }

    @Test
    void roundTripsThroughWrite() throws ConfigException {
        List<Enterprise> list = List.of(new Enterprise(null, "青州云帆科技有限公司", List.of("云帆科技"), List.of("云帆"),
                "91370700MA3C000001", "东湖区", "软件"));
        List<Enterprise> back = WatchlistCsv.parse(WatchlistCsv.write(list), "x.csv");
        assertEquals(list, back);
    }

    @Test
    void errorsNameTheLine() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> WatchlistCsv.parse("nmae,district\nA,B\n", "w.csv"));
        assertTrue(unknown.getMessage().startsWith("w.csv:1: unknown column 'nmae'"), unknown.getMessage());
        ConfigException empty = assertThrows(ConfigException.class,
                () -> WatchlistCsv.parse("name,district\n青州甲公司,东湖区\n,西山区\n", "w.csv"));
        assertTrue(empty.getMessage().startsWith("w.csv:3:"), empty.getMessage());
    }
}
