package io.yuqing.indexer.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The document index's write-ahead log: a document is durable once its record is synced here, so the Lucene index is
 * committed only now and then (a checkpoint) instead of once per group of documents, which flushed a tiny segment and
 * synced half a dozen files each time. After a checkpoint the files it covers are deleted; on opening, the records of
 * the remaining files are put into the index again (an update by id, so replaying a record twice changes nothing).
 *
 * <p>Files {@code wal-<number>.log}; each record is {@code [int length][int CRC-32C][length bytes]}. A record cut short
 * by a crash or a failed write ends its file's readable part: such a record was never acknowledged, because an append
 * that fails seals its file and the next append starts a new one, so nothing acknowledged follows a torn record.
 *
 * <p>Appends and syncs are serialised by one lock: the records appended while a sync runs wait and then share the
 * next one (group commit). Not for use by several processes at once (the index's own write lock sees to that).
 * Plain streams rather than NIO channels: a channel is closed when the thread using it is interrupted (a crawl cycle
 * cancelled at shutdown), which would fail the log for every other writer.
 */
final class WriteAheadLog implements Closeable {
    /** Larger records cannot be ours: a stored document is capped far below this. */
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private FileOutputStream current;
    private long nextNumber;
    /** Bytes appended since opening (the log sequence number of the last record) and how many of them are synced. */
    private long appended;
    private long synced;
    /** Files sealed by a roll or a failure whose records may still await their sync. */
    private final List<FileOutputStream> sealedUnsynced = new ArrayList<>();
    /** Appended bytes up to this point were lost by a failed write or sync: whoever waits on them is refused. */
    private long failedUpTo = -1;
    private IOException failure;

    private WriteAheadLog(Path dir, long nextNumber) {
        this.dir = dir;
        this.nextNumber = nextNumber;
    }

    /** Where an index's log lives: {@code wal/} inside the index directory (the writer and read-only views agree). */
    static Path dirOf(Path indexDir) {
        return indexDir.resolve("wal");
    }

    /** Opens the log in {@code dir} (created when absent); appends go to a new file after the existing ones. */
    static WriteAheadLog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = files(dir);
        long next = files.isEmpty() ? 1 : number(files.getLast()) + 1;
        return new WriteAheadLog(dir, next);
    }

    /** The log's files in order, oldest first. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("wal-\\d{20}\\.log"))
                    .sorted()
                    .toList();
        }
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(4, 24));
    }

    private Path fileNumbered(long number) {
        return dir.resolve(String.format(Locale.ROOT, "wal-%020d.log", number));
    }

    /** The complete records of the given files in order; each file is read up to its first torn record. */
    static List<byte[]> read(List<Path> files) throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                continue;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.remaining() >= 8) {
                int length = in.getInt();
                int crc = in.getInt();
                if (length < 0 || length > MAX_RECORD || length > in.remaining()) {
                    break;
                }
                byte[] record = new byte[length];
                in.get(record);
                if ((int) crc32c(record) != crc) {
                    break;
                }
                records.add(record);
            }
        }
        return records;
    }

    private static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * Appends the records (not yet synced: see {@link #sync}) and returns the position to sync up to. A failed write
     * seals the file, so the records after it go to a new one; the caller is refused.
     */
    long append(List<byte[]> records) throws IOException {
        int size = 0;
        for (byte[] r : records) {
            size += 8 + r.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] r : records) {
            out.putInt(r.length).putInt((int) crc32c(r)).put(r);
        }
        out.flip();
        lock.lock();
        try {
            if (current == null) {
                Path file = fileNumbered(nextNumber++);
                Files.createFile(file); // never appends to a file a crash or a failure left behind
                current = new FileOutputStream(file.toFile(), true);
            }
            try {
                current.write(out.array(), 0, out.limit());
            } catch (IOException | RuntimeException e) {
                seal();
                throw e;
            }
            appended += size;
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every record up to {@code position} is on disk. The first caller syncs for everyone who appended
     * before it. Refused when a failure lost records up to that position. Returns whether this call synced the disk
     * (rather than finding its records synced by another).
     */
    boolean sync(long position) throws IOException {
        lock.lock();
        try {
            if (position <= synced) {
                return false;
            }
            if (position <= failedUpTo) {
                throw new IOException("the index's write-ahead log failed before these documents were synced: " + failure.getMessage(), failure);
            }
            long upTo = appended;
            try {
                for (FileOutputStream sealedFile : sealedUnsynced) {
                    sealedFile.getFD().sync();
                    sealedFile.close();
                }
                sealedUnsynced.clear();
                if (current != null) {
                    current.getFD().sync();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                throw e;
            }
            synced = upTo;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a new file for the next records and returns the files before it, to be deleted once a checkpoint covers
     * them. Records appended before the roll are synced by it.
     */
    List<Path> roll() throws IOException {
        lock.lock();
        try {
            // Records lost to an earlier failed sync were refused to their writers already: no reason to fail the roll.
            if (appended > synced && appended > failedUpTo) {
                sync(appended);
            }
            if (current != null) {
                current.close();
                current = null;
            }
            List<Path> before = new ArrayList<>();
            for (Path file : files(dir)) {
                if (number(file) < nextNumber) {
                    before.add(file);
                }
            }
            return before;
        } finally {
            lock.unlock();
        }
    }

    /** The records of every file in the log, for replay into a freshly opened index writer. */
    List<byte[]> readAll() throws IOException {
        lock.lock();
        try {
            return read(files(dir));
        } finally {
            lock.unlock();
        }
    }

    /** Deletes files a checkpoint covers. */
    void delete(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    /** Whether the log holds records not yet covered by a checkpoint (at least one file with bytes). */
    boolean isEmpty() throws IOException {
        for (Path file : files(dir)) {
            if (Files.size(file) > 0) {
                return false;
            }
        }
        return true;
    }

    private void seal() {
        if (current != null) {
            sealedUnsynced.add(current);
            current = null;
        }
    }

    private void fail(Throwable e) {
        failedUpTo = appended;
        failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
        for (FileOutputStream sealedFile : sealedUnsynced) {
            closeQuietly(sealedFile);
        }
        sealedUnsynced.clear();
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    private static void closeQuietly(FileOutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the failure that brought us here is what matters
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            for (FileOutputStream sealedFile : sealedUnsynced) {
                closeQuietly(sealedFile);
            }
            sealedUnsynced.clear();
            if (current != null) {
                current.close();
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
