package io.yuqing.crawler.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a web page's bytes to text. Order: the HTTP header's charset, a byte-order mark, a {@code <meta>}
 * declaration in the first 4 KB, then detection (valid UTF-8 is UTF-8, anything else is taken as GB18030, the
 * superset of GBK and GB2312 that Chinese sites without a declaration use). Pure: no I/O.
 */
public final class Charsets {
    /** Where the charset came from. */
    public enum Origin { HEADER, BOM, META, DETECTED }

    public record Decoded(String text, Charset charset, Origin origin) {
    }

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5 = supported("Big5-HKSCS").orElseGet(() -> Charset.forName("Big5"));
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([a-zA-Z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int META_SCAN_BYTES = 4096;

    private Charsets() {
    }

    public static Decoded decode(byte[] body, String contentType) {
        // Non-ASCII bytes that form valid UTF-8 are UTF-8 whatever a label says: GBK text practically never passes a
        // strict UTF-8 decode, while pages re-saved as UTF-8 often keep their old gb2312 declaration.
        if (fromBom(body).isEmpty() && hasNonAscii(body) && isValidUtf8(body)) {
            Optional<Charset> declared = fromContentType(contentType).or(() -> fromMeta(body));
            if (declared.isPresent() && !declared.get().equals(StandardCharsets.UTF_8)
                    && !declared.get().name().startsWith("UTF-16")) {
                return new Decoded(decodeLenient(stripBom(body), StandardCharsets.UTF_8), StandardCharsets.UTF_8, Origin.DETECTED);
            }
        }
        Optional<Charset> header = fromContentType(contentType);
        // A header that says UTF-8 over bytes that are not UTF-8 is a common server misconfiguration; the page's own
        // declaration or detection then knows better.
        if (header.isPresent() && !(header.get().equals(StandardCharsets.UTF_8) && !isValidUtf8(stripBom(body)))) {
            return new Decoded(decodeLenient(stripBom(body), header.get()), header.get(), Origin.HEADER);
        }
        Optional<Charset> bom = fromBom(body);
        if (bom.isPresent()) {
            int skip = bom.get().equals(StandardCharsets.UTF_8) ? 3 : 2;
            return new Decoded(decodeLenient(java.util.Arrays.copyOfRange(body, skip, body.length), bom.get()), bom.get(), Origin.BOM);
        }
        Optional<Charset> meta = fromMeta(body);
        if (meta.isPresent()) {
            return new Decoded(decodeLenient(body, meta.get()), meta.get(), Origin.META);
        }
        Charset detected = isValidUtf8(body) ? StandardCharsets.UTF_8 : GB18030;
        return new Decoded(decodeLenient(body, detected), detected, Origin.DETECTED);
    }

    /** The charset named by a label, with the aliases browsers apply (gb2312 and gbk are decoded as GB18030). */
    public static Optional<Charset> forLabel(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String l = label.strip().toLowerCase(Locale.ROOT);
        return switch (l) {
            case "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "ms936", "windows-936", "gb_2312-80", "euc-cn",
                 "csgb2312", "chinese", "iso-ir-58", "x-euc-cn", "hz-gb-2312" -> Optional.of(GB18030);
            case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950", "x-windows-950" -> Optional.of(BIG5);
            case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8" -> Optional.of(StandardCharsets.UTF_8);
            case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252" -> Optional.of(WINDOWS_1252);
            default -> supported(l);
        };
    }

    static Optional<Charset> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? forLabel(m.group(1)) : Optional.empty();
    }

    static Optional<Charset> fromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    static Optional<Charset> fromMeta(byte[] body) {
        // ISO-8859-1 maps bytes one to one, so ASCII markup is found whatever the real encoding.
        String head = new String(body, 0, Math.min(body.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        if (xml.find()) {
            Optional<Charset> c = forLabel(xml.group(1));
            if (c.isPresent()) {
                return c;
            }
        }
        Matcher m = META_CHARSET.matcher(head);
        while (m.find()) {
            Optional<Charset> c = forLabel(m.group(1));
            if (c.isPresent()) {
                // A page cannot truthfully declare UTF-16 in ASCII-compatible bytes; browsers read it as UTF-8.
                Charset charset = c.get().name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c.get();
                return Optional.of(charset);
            }
        }
        return Optional.empty();
    }

    static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasNonAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] stripBom(byte[] body) {
        return body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? java.util.Arrays.copyOfRange(body, 3, body.length) : body;
    }

    private static String decodeLenient(byte[] body, Charset charset) {
        return new String(body, charset);
    }

    private static Optional<Charset> supported(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }
}
