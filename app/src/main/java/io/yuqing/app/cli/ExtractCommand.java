package io.yuqing.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.crawler.extract.ArticleExtractor;
import io.yuqing.crawler.extract.Extraction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prints what the extractor finds in one HTML file, as one JSON object. */
@Command(name = "extract", description = "Extract title, text, author and publish time from an HTML file ('-' reads stdin) as JSON.")
public final class ExtractCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "HTML file, or - for standard input")
    String file;

    @Option(names = "--url", paramLabel = "URL", description = "the page's URL (resolves links and canonical URL)")
    String url;

    @Option(names = "--charset", paramLabel = "CS", description = "decode with this charset instead of detecting it")
    String charset;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        byte[] body;
        try {
            body = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new YuqingCommand.BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new YuqingCommand.BadInputException(file + ": cannot read: " + e.getMessage());
        }
        String contentType = null;
        if (charset != null) {
            try {
                contentType = "text/html; charset=" + Charset.forName(charset).name();
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new YuqingCommand.BadInputException("unknown charset '" + charset + "'");
            }
        }
        String pageUrl = url != null ? url : "-".equals(file) ? "" : Path.of(file).toAbsolutePath().toUri().toString();
        Extraction e = new ArticleExtractor().extract(body, contentType, pageUrl);
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("url", e.url());
        o.put("title", e.title());
        o.put("text", e.text());
        o.put("author", e.author());
        if (e.publishedAt() == null) {
            o.putNull("publishedAt");
        } else {
            o.put("publishedAt", e.publishedAt().toString());
        }
        o.put("charset", e.charset());
        var out = spec.commandLine().getOut();
        out.println(json.writeValueAsString(o));
        out.flush();
        return 0;
    }
}
