package io.yuqing.indexer.store;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, versioned binary form of {@link ScoredDocument} for the index's stored snapshot. Strings are
 * length-prefixed UTF-8 (no 64 KB limit as with writeUTF), so long articles round-trip whole.
 */
final class ScoredDocumentCodec {
    /** 2 added {@code partOf} at the end; version 1 snapshots (no such field) are still read. */
    private static final int VERSION = 2;

    private ScoredDocumentCodec() {
    }

    static byte[] encode(ScoredDocument sd) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            Document d = sd.document();
            writeString(out, d.id());
            writeString(out, d.url());
            writeString(out, d.sourceId());
            writeString(out, d.title());
            writeString(out, d.text());
            writeString(out, d.author());
            writeString(out, d.outlet());
            out.writeBoolean(d.publishedAt() != null);
            if (d.publishedAt() != null) {
                writeInstant(out, d.publishedAt());
            }
            writeInstant(out, d.fetchedAt());
            out.writeInt(sd.mentions().size());
            for (Mention m : sd.mentions()) {
                writeString(out, m.enterpriseId());
                writeString(out, m.name());
                out.writeInt(m.count());
                out.writeBoolean(m.inTitle());
            }
            RiskAssessment r = sd.risk();
            out.writeInt(r.score());
            writeString(out, r.level().code());
            out.writeInt(r.categories().size());
            for (RiskCategory c : r.categories()) {
                writeString(out, c.code());
            }
            out.writeInt(r.evidence().size());
            for (Evidence e : r.evidence()) {
                writeString(out, e.term());
                writeString(out, e.category().code());
                writeString(out, e.sentence());
                out.writeBoolean(e.inTitle());
            }
            out.writeInt(r.riskEntities().size());
            for (String id : r.riskEntities()) {
                writeString(out, id);
            }
            writeString(out, d.partOf());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static ScoredDocument decode(byte[] data, int offset, int length) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length));
        int version = in.readInt();
        if (version != 1 && version != VERSION) {
            throw new IOException("stored document snapshot has version " + version + ", this build reads 1 to " + VERSION);
        }
        String id = readString(in);
        String url = readString(in);
        String sourceId = readString(in);
        String title = readString(in);
        String text = readString(in);
        String author = readString(in);
        String outlet = readString(in);
        Instant published = in.readBoolean() ? readInstant(in) : null;
        Instant fetched = readInstant(in);
        int mentionCount = in.readInt();
        List<Mention> mentions = new ArrayList<>(mentionCount);
        for (int i = 0; i < mentionCount; i++) {
            mentions.add(new Mention(readString(in), readString(in), in.readInt(), in.readBoolean()));
        }
        int score = in.readInt();
        RiskLevel level = RiskLevel.fromCode(readString(in));
        int categoryCount = in.readInt();
        List<RiskCategory> categories = new ArrayList<>(categoryCount);
        for (int i = 0; i < categoryCount; i++) {
            categories.add(RiskCategory.fromCode(readString(in)));
        }
        int evidenceCount = in.readInt();
        List<Evidence> evidence = new ArrayList<>(evidenceCount);
        for (int i = 0; i < evidenceCount; i++) {
            evidence.add(new Evidence(readString(in), RiskCategory.fromCode(readString(in)), readString(in), in.readBoolean()));
        }
        int entityCount = in.readInt();
        List<String> entities = new ArrayList<>(entityCount);
        for (int i = 0; i < entityCount; i++) {
            entities.add(readString(in));
        }
        String partOf = version >= 2 ? readString(in) : "";
        Document doc = new Document(id, url, sourceId, title, text, author, outlet, published, fetched, partOf);
        return new ScoredDocument(doc, mentions, new RiskAssessment(score, level, categories, evidence, entities));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
