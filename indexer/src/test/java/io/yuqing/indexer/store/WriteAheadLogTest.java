package io.yuqing.indexer.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> records) {
        return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsComeBackInOrderAcrossFilesAndOpenings() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir)) {
            assertTrue(wal.sync(wal.append(List.of(bytes("一"), bytes("二")))));
            wal.roll();
            wal.sync(wal.append(List.of(bytes("三"))));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir)) {
            assertEquals(List.of("一", "二", "三"), strings(wal.readAll()));
            wal.sync(wal.append(List.of(bytes("四"))));
            assertEquals(List.of("一", "二", "三", "四"), strings(wal.readAll()), "a reopened log appends after what it had");
        }
    }

    @Test
    void aSyncCoversEveryRecordAppendedBeforeIt() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir)) {
            long first = wal.append(List.of(bytes("a")));
            long second = wal.append(List.of(bytes("b")));
            assertTrue(wal.sync(second), "the later position syncs the disk");
            assertFalse(wal.sync(first), "the earlier one is already synced: no second sync");
        }
    }

    @Test
    void aTornOrCorruptTailEndsItsFileButNotTheNext() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir)) {
            wal.sync(wal.append(List.of(bytes("完整"), bytes("也完整"))));
            wal.roll();
            wal.sync(wal.append(List.of(bytes("下一个文件"))));
        }
        List<Path> files = WriteAheadLog.files(dir);
        assertEquals(2, files.size());
        // A crash mid-append: a record header promising more bytes than were written.
        try (FileChannel c = FileChannel.open(files.getFirst(), StandardOpenOption.APPEND)) {
            c.write(java.nio.ByteBuffer.allocate(12).putInt(1000).putInt(42).putInt(7).flip());
        }
        assertEquals(List.of("完整", "也完整", "下一个文件"), strings(WriteAheadLog.read(files)));
        // A flipped byte inside a record: its checksum fails, the rest of that file is not trusted.
        byte[] raw = Files.readAllBytes(files.getFirst());
        raw[9] ^= 0x55;
        Files.write(files.getFirst(), raw);
        assertEquals(List.of("下一个文件"), strings(WriteAheadLog.read(files)));
    }

    @Test
    void rollReturnsTheFilesACheckpointMayDelete() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir)) {
            wal.sync(wal.append(List.of(bytes("旧"))));
            List<Path> covered = wal.roll();
            long after = wal.append(List.of(bytes("新")));
            wal.delete(covered);
            wal.sync(after);
            assertEquals(List.of("新"), strings(wal.readAll()), "what came after the roll stays");
            assertFalse(wal.isEmpty());
        }
    }
}
