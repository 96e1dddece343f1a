package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.source.ForumPost;
import io.yuqing.crawler.source.ForumThreadParser;
import io.yuqing.crawler.source.ListPageParser;
import io.yuqing.crawler.source.SourceParse;
import io.yuqing.crawler.url.UrlCanonicalizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A forum cycle: the board page lists threads; each thread page (at most {@code maxNewItemsPerCycle} threads, in the
 * board's order) yields its opening post and replies, each post one document under the thread URL with
 * {@code #post-<id>}. Threads are fetched again every cycle; only their posts are remembered as seen, so a reply that
 * appears later is a new item.
 */
final class ForumCycle implements SourceCycle {
    private final CycleSteps steps;
    private final ListPageParser listPageParser = new ListPageParser();
    private final ForumThreadParser forumParser = new ForumThreadParser();

    ForumCycle(CycleSteps steps) {
        this.steps = steps;
    }

    @Override
    public CycleReport run(Run run) {
        SourceConfig source = run.source();
        List<String> problems = run.problems();
        FetchResult.Fetched board;
        switch (steps.sourcePage(run, run.headers())) {
            case CycleSteps.SourcePage.Done done -> {
                return done.report();
            }
            case CycleSteps.SourcePage.Read read -> board = read.page();
        }
        List<String> threads;
        switch (listPageParser.parse(board.body(), board.contentType(), board.finalUrl(), source.linkSelector(),
                source.linkPattern())) {
            case SourceParse.Unreadable u -> {
                return steps.sourceFailed(run, "board page " + source.url() + ": " + u.message());
            }
            case SourceParse.Links l -> threads = l.links().stream()
                    .flatMap(link -> UrlCanonicalizer.canonicalize(link.url()).stream()).distinct().toList();
        }
        steps.state.recordSuccess(source.id(), steps.clock.instant(), board.etag(), board.lastModified());
        int budget = steps.config.maxNewItemsPerCycle();
        int newDocuments = 0;
        int failures = 0;
        int postsFound = 0;
        for (String thread : threads.stream().limit(budget).toList()) {
            if (newDocuments >= budget || Thread.currentThread().isInterrupted()) {
                break;
            }
            Optional<List<ForumPost>> read = threadPosts(source, thread, run.headers(), problems);
            if (read.isEmpty()) {
                failures++;
                continue;
            }
            List<ForumPost> posts = read.get();
            postsFound += posts.size();
            Set<String> seen = steps.state.seenAmong(posts.stream().map(ForumPost::url).toList());
            // Replies belong to the opening post's story (see Document.partOf).
            String opening = posts.stream().filter(ForumPost::opening).findFirst()
                    .map(post -> DocumentIds.forUrl(post.url())).orElse("");
            for (ForumPost post : posts) {
                if (seen.contains(post.url()) || newDocuments >= budget) {
                    continue;
                }
                Document doc = new Document(DocumentIds.forUrl(post.url()), post.url(), source.id(), post.title(),
                        post.text(), post.author(), source.name(),
                        post.publishedAt() == null ? null : post.publishedAt().toInstant(), steps.clock.instant(),
                        post.opening() ? "" : opening);
                Handoff.Outcome handled = steps.offer(source, doc, run.sink(), problems);
                if (handled == Handoff.Outcome.TAKEN) {
                    newDocuments++;
                } else {
                    failures++;
                }
                if (handled == Handoff.Outcome.SINK_DOWN) {
                    problems.add("the pipeline is unavailable: the cycle stops here, the remaining posts wait for the next one");
                    return steps.finished(run, postsFound, newDocuments, failures);
                }
            }
        }
        return steps.finished(run, postsFound, newDocuments, failures);
    }

    /**
     * The posts of one thread: its first page and, when the profile names a last-page link, its last page, where a
     * long thread's new replies are. Empty when the first page cannot be fetched or read (the reason is a problem).
     */
    private Optional<List<ForumPost>> threadPosts(SourceConfig source, String thread, Map<String, String> headers,
                                                  List<String> problems) {
        Map<String, ForumPost> posts = new LinkedHashMap<>();
        String page = thread;
        for (int pages = 0; page != null && pages < 2; pages++) {
            FetchResult result = steps.fetch(source, FetchRequest.of(page, source.allowPrivateNetwork())
                    .withHeaders(CycleSteps.headersFor(source, page, headers)));
            String failure = null;
            String next = null;
            switch (result) {
                case FetchResult.Failed f -> {
                    steps.metrics.documentFailed(source.id(), f.reason().code());
                    failure = f.message();
                }
                case FetchResult.NotModified n -> failure = "server answered 304 to an unconditional request";
                case FetchResult.Fetched f -> {
                    switch (forumParser.parse(f.body(), f.contentType(), page, thread, source.forum(),
                            steps.clock.instant())) {
                        case ForumThreadParser.Result.Unreadable u -> {
                            steps.metrics.documentFailed(source.id(), "unreadable_thread");
                            failure = u.message();
                        }
                        case ForumThreadParser.Result.Posts p -> {
                            p.posts().forEach(post -> posts.putIfAbsent(post.url(), post));
                            next = p.lastPage();
                        }
                    }
                }
            }
            if (failure != null) {
                problems.add(page + ": " + failure);
                if (page.equals(thread)) {
                    return Optional.empty();
                }
            }
            page = next;
        }
        return Optional.of(List.copyOf(posts.values()));
    }
}
