package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.source.JsonApiParser;
import io.yuqing.crawler.source.JsonItem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON API cycle: one request (conditional GET, the source's headers), items read through the field mapping and
 * handed on directly, without fetching article pages. Item problems are listed; the other items still count.
 */
final class JsonApiCycle implements SourceCycle {
    private final CycleSteps steps;
    private final JsonApiParser jsonParser = new JsonApiParser();

    JsonApiCycle(CycleSteps steps) {
        this.steps = steps;
    }

    @Override
    public CycleReport run(Run run) {
        SourceConfig source = run.source();
        List<String> problems = run.problems();
        Map<String, String> asking = run.headers();
        if (asking.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
            // Some APIs answer 406 to a browser's Accept header; a source's own Accept wins.
            asking = new LinkedHashMap<>(asking);
            asking.put("Accept", "application/json, */*;q=0.5");
        }
        FetchResult.Fetched response;
        switch (steps.sourcePage(run, asking)) {
            case CycleSteps.SourcePage.Done done -> {
                return done.report();
            }
            case CycleSteps.SourcePage.Read read -> response = read.page();
        }
        List<JsonItem> items;
        switch (jsonParser.parse(response.body(), response.contentType(), response.finalUrl(), source.json(),
                steps.clock.instant())) {
            case JsonApiParser.Result.Unreadable u -> {
                return steps.sourceFailed(run, "API " + source.url() + ": " + u.message());
            }
            case JsonApiParser.Result.Items parsed -> {
                items = parsed.items();
                parsed.problems().forEach(p -> problems.add("API item problem: " + p));
                for (int i = 0; i < parsed.skipped(); i++) {
                    steps.metrics.documentFailed(source.id(), "invalid_item");
                }
            }
        }
        steps.state.recordSuccess(source.id(), steps.clock.instant(), response.etag(), response.lastModified());
        Map<String, JsonItem> candidates = CycleSteps.byCanonicalUrl(items, JsonItem::url);
        List<String> fresh = steps.unseen(candidates);
        Handoff handoff = new Handoff(run.sink().parallelism());
        try (handoff) {
            for (String url : fresh) {
                if (handoff.sinkDown() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                JsonItem item = candidates.get(url);
                Document doc = new Document(DocumentIds.forUrl(url), url, source.id(), item.title(), item.text(),
                        item.author(), item.outlet(), item.publishedAt() == null ? null : item.publishedAt().toInstant(),
                        steps.clock.instant());
                handoff.submit(() -> steps.offer(source, doc, run.sink(), problems));
            }
        }
        if (handoff.sinkDown()) {
            problems.add("the pipeline is unavailable: the cycle stops here, the remaining items wait for the next one");
        }
        return steps.finished(run, candidates.size(), handoff.taken(), handoff.failed());
    }
}
