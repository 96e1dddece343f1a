package io.yuqing.indexer.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledItemsTest {

    @Test
    void readsFinnspRowsSkippingHeadersAndReportingBadRows(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.json"), """
                [["id","title","text","entity","negative","key_entity"],
                 ["a","","甲公司涉嫌诈骗","甲公司;乙公司","1","甲公司"],
                 ["b","标题","乙公司发布新品","乙公司","0",""],
                 ["c","","坏行","甲公司","x",""],
                 ["d","","短行"]]
                """, StandardCharsets.UTF_8);
        LabelledItems.ReadResult r = LabelledItems.read(file);
        assertEquals(2, r.items().size());
        assertEquals(new LabelledItem("a", "", "甲公司涉嫌诈骗", List.of("甲公司", "乙公司"), true, List.of("甲公司")),
                r.items().get(0));
        assertEquals(List.of(), r.items().get(1).riskEntities());
        assertEquals(2, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("row 4:"), r.problems()::toString);
    }

    @Test
    void readsReviewDecisionsAsJsonLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("r.jsonl"), """
                {"id":"1","title":"t","text":"甲公司欠薪","entities":["甲公司","乙公司"],"negative":true,"riskEntities":["甲公司"]}

                {"id":"2","text":"乙公司","entities":["乙公司"],"negative":false,"riskEntities":["乙公司"]}
                not json
                {"id":"3","entities":"甲公司","negative":true}
                """, StandardCharsets.UTF_8);
        LabelledItems.ReadResult r = LabelledItems.read(file);
        assertEquals(2, r.items().size());
        assertEquals(List.of("甲公司"), r.items().get(0).riskEntities());
        assertEquals(List.of(), r.items().get(1).riskEntities(), "not negative means no risk entities");
        assertEquals(2, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("line 4:"), r.problems()::toString);
        assertTrue(r.problems().get(1).startsWith("line 5:"), r.problems()::toString);
    }
}
