package io.yuqing.app.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.rules.SourceSilenceMonitor;
import io.yuqing.alerting.webhook.ConfiguredWebhooks;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.app.escalation.EscalationMonitor;
import io.yuqing.app.learning.ModelRetrainer;
import io.yuqing.indexer.model.ModelRiskScorer;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.crawler.dedup.NearDuplicateIndex;
import io.yuqing.alerting.digest.DigestBuilder;
import io.yuqing.alerting.digest.DigestMailer;
import io.yuqing.alerting.digest.DigestRenderer;
import io.yuqing.alerting.outbox.DeadLetters;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
import io.yuqing.alerting.review.ReviewService;
import io.yuqing.app.watchlist.WatchlistRepository;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.Environment;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.state.SearchCursorStore;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.schedule.AdaptiveRecrawl;
import io.yuqing.crawler.schedule.CrawlScheduler;
import io.yuqing.crawler.state.SourceIntervalStore;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.store.DocumentStore;
import io.yuqing.indexer.store.ElasticsearchDocumentStore;
import io.yuqing.indexer.store.LuceneDocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole service wired together on one configuration: database, watchlist, crawler, pipeline, index, alerting and
 * mail delivery. The console and the schedules are started separately so that scripts can run cycles without them.
 */
public final class YuqingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(YuqingService.class);

    private final YuqingConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Database database;
    private final DocumentStore store;
    private final AtomicReference<List<Enterprise>> watchlist = new AtomicReference<>(List.of());
    private final AtomicReference<EnterpriseMatcher> matcher = new AtomicReference<>();
    private final AtomicReference<RiskScorer> scorer = new AtomicReference<>();
    /** The learned model in use, or null while the lexicon alone decides. */
    private final AtomicReference<RiskModel> model = new AtomicReference<>();
    private final ModelRetrainer retrainer;
    private ScheduledExecutorService learningLoop;
    private final WatchlistRepository watchlistRepository;
    private final AlertService alertService;
    private final AlertQueries alertQueries;
    private final ReviewService reviewService;
    private final OutboxDispatcher dispatcher;
    private final DeadLetters deadLetters;
    /** Keeps SMTP connections open between mails; closed with the service. */
    private final SmtpMailSender mailSender;
    private final Crawler crawler;
    private final SourceHealth sourceHealth;
    private final io.yuqing.app.sources.SourceRegistry sourceRegistry;
    /** The sources this node's scheduler last scheduled, to reschedule only when the registry changed. */
    private List<SourceConfig> scheduledSources = List.of();
    private final SilenceService silences;
    private final SourceSilenceMonitor sourceSilence;
    /** Assigned after the alert service that consults it; read by the inhibition hook only once documents flow. */
    private volatile EscalationMonitor escalations;
    private final NearDuplicateIndex clusters;
    private final DigestMailer digests;
    private final DocumentPipeline pipeline;
    private final PageCopyStore pageCopies;
    private final DocumentRevisions revisions;
    private final AdaptiveRecrawl adaptiveRecrawl;
    private final Map<String, CycleReport> lastReports = new ConcurrentHashMap<>();
    private final io.micrometer.core.instrument.Counter expired;
    private CrawlScheduler scheduler;
    private volatile ScheduledExecutorService deliveryLoop;
    /** How long closing waits for the mails and posts in flight (a send takes at most a few timeouts). */
    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(60);
    private final AtomicBoolean deliveryWakeQueued = new AtomicBoolean();

    private YuqingService(YuqingConfig config, Clock clock, MeterRegistry meters) throws ConfigException, IOException, SQLException {
        this.config = config;
        this.clock = clock;
        this.meters = meters;
        Files.createDirectories(config.dataDir());
        this.database = new Database(config.jdbcUrl(), config.database().username(), config.database().password());
        try {
            database.migrate("crawler");
            database.migrate("alerting");
            database.migrate("app");
            this.watchlistRepository = new WatchlistRepository(database.dataSource(), clock);
            this.retrainer = new ModelRetrainer(database.dataSource(), config.scoring(), config.dataDir(), clock, this::useModel);
            model.set(retrainer.initialModel().orElse(null));
            reloadWatchlist();
            this.store = openStore(config);
        } catch (RuntimeException | ConfigException | SQLException | IOException e) {
            database.close();
            throw e;
        }
        store.bindMetrics(meters);
        this.expired = io.micrometer.core.instrument.Counter.builder("yuqing.index.expired")
                .description("Documents removed from the index by retention (index.retention)")
                .register(meters);
        // An enterprise whose story is escalating gets one escalation mail instead of a mail per item (inhibition).
        this.alertService = new AlertService(database.dataSource(), config.desks(), consoleUrl(), config.alerting(), clock,
                meters, enterpriseId -> escalations != null && escalations.isEscalated(enterpriseId), config.rules(),
                config.routing(), this::enterprise);
        this.sourceSilence = new SourceSilenceMonitor(database.dataSource(), config.rules(),
                (sourceId, from, to) -> SourceItemTimes.of(store, sourceId, from, to), clock, config.alerting().zone());
        this.alertQueries = new AlertQueries(database.dataSource());
        this.reviewService = new ReviewService(database.dataSource(), clock, config.alerting().falsePositiveSuppression());
        this.silences = new SilenceService(database.dataSource(), clock);
        // Always present, so the outbox backlog is measured even before a mail server is configured; without
        // smtp.host the sender is disabled and mails wait in the outbox without using up their attempts.
        // Webhooks sign with the real time (DingTalk refuses a timestamp off by more than an hour), never a test clock.
        this.mailSender = new SmtpMailSender(config.smtp(), clock);
        this.dispatcher = new OutboxDispatcher(database.dataSource(), mailSender,
                new ConfiguredWebhooks(config.desks(), Clock.systemUTC(), config.smtp().timeout()),
                config.alerting(), clock, meters);
        this.deadLetters = new DeadLetters(database.dataSource(), clock);
        CrawlStateStore crawlState = new CrawlStateStore(database.dataSource());
        // Site-search sources search for the watchlist's full names as they are at each cycle.
        this.crawler = new Crawler(config.crawler(), crawlState, clock, meters, new SourceInputs(
                () -> watchlist.get().stream().map(Enterprise::name).toList(),
                new SearchCursorStore(database.dataSource(), clock), Environment.SYSTEM));
        this.adaptiveRecrawl = new AdaptiveRecrawl(config.crawler().adaptive(), new SourceIntervalStore(database.dataSource()),
                clock, meters);
        // Each source's interval gauge exists from the start, showing what the schedule will use.
        config.sources().forEach(adaptiveRecrawl::intervalOf);
        this.sourceHealth = new SourceHealth(crawlState);
        this.sourceRegistry = new io.yuqing.app.sources.SourceRegistry(database.dataSource(), config.sources(), clock);
        sourceHealth.bindMetrics(activeSources(), meters);
        this.digests = new DigestMailer(database.dataSource(),
                new DigestBuilder(database.dataSource(), clock, config.alerting().overdueAfter()),
                new DigestRenderer(consoleUrl()), clock);
        this.escalations = new EscalationMonitor(database.dataSource(), config.desks(), consoleUrl(), clock,
                config.alerting().zone(), meters);
        escalations.restore(alertQueries.createdSince(clock.instant().minus(java.time.Duration.ofDays(29))));
        this.clusters = new NearDuplicateIndex(database.dataSource(), clock);
        RiskPictureMetrics riskPicture = new RiskPictureMetrics(meters, clock, alertQueries,
                new DigestBuilder(database.dataSource(), clock, config.alerting().overdueAfter()), config.alerting().zone());
        EscalationMonitor monitor = escalations;
        this.pageCopies = new PageCopyStore(database.dataSource());
        this.revisions = new DocumentRevisions(database.dataSource());
        this.pipeline = new DocumentPipeline(matcher::get, scorer::get, store, alertService, clusters, raised -> {
            riskPicture.onNewAlerts(raised);
            monitor.onAlerts(raised);
            if (!raised.isEmpty()) {
                wakeDelivery();
            }
        }, revisions, pageCopies, meters);
    }

    /** Opens the database (migrating it), the index and the watchlist. Fails with a clear message on bad config. */
    public static YuqingService open(YuqingConfig config, Clock clock, MeterRegistry meters)
            throws ConfigException, IOException, SQLException {
        return new YuqingService(config, clock, meters);
    }

    /** Lucene on this machine's disk, or the configured Elasticsearch cluster. */
    static DocumentStore openStore(YuqingConfig config) throws IOException {
        if (!config.index().usesElasticsearch()) {
            return LuceneDocumentStore.open(config.indexDir());
        }
        var es = config.index().elasticsearch();
        return ElasticsearchDocumentStore.connect(es.hosts(), es.indexPrefix(), es.analysis(), es.rolloverAfter());
    }

    /** Re-reads the watchlist from the config, its CSV file and the database; new items are matched against it. */
    public List<Enterprise> reloadWatchlist() throws ConfigException, SQLException {
        List<Enterprise> configured = new ArrayList<>(config.watchlist().enterprises());
        if (!config.watchlist().csv().isEmpty()) {
            configured.addAll(WatchlistCsv.read(Path.of(config.watchlist().csv())));
        }
        List<Enterprise> all = WatchlistRepository.merge(configured, watchlistRepository.all());
        watchlist.set(all);
        matcher.set(new WatchlistMatcher(all, exclusionsById(all)));
        scorer.set(scorerFor(all));
        return all;
    }

    /** The configured exclusion phrases, keyed by enterprise id (the config may name the enterprise or its id). */
    private Map<String, List<String>> exclusionsById(List<Enterprise> all) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        config.watchlist().exclusions().forEach((key, phrases) -> all.stream()
                .filter(e -> e.id().equals(key) || e.name().equals(key))
                .forEach(e -> out.computeIfAbsent(e.id(), k -> new ArrayList<>()).addAll(phrases)));
        return out;
    }

    private RiskScorer scorerFor(List<Enterprise> enterprises) {
        RiskModel m = model.get();
        return m == null ? new LexiconRiskScorer(config.scoring().levels(), enterprises)
                : new ModelRiskScorer(m, config.scoring().levels(), enterprises);
    }

    /** Starts scoring with a (re)trained model. */
    private void useModel(RiskModel newModel) {
        model.set(newModel);
        scorer.set(scorerFor(watchlist.get()));
    }

    /** Retrains from the staff's review decisions now; the new model is used only if it does no worse. */
    public ModelRetrainer.Outcome retrainFromReviews() throws IOException {
        return retrainer.retrain(model.get());
    }

    /** As {@link #retrainFromReviews()}, judged against the given current model (null: the lexicon alone). For tests. */
    public ModelRetrainer.Outcome retrainFromReviewsAgainst(RiskModel current) throws IOException {
        return retrainer.retrain(current);
    }

    /** Whether a learned model currently decides which enterprises an item is negative about. */
    public boolean usesModel() {
        return model.get() != null;
    }

    /**
     * The sources to crawl: configured and added ones, without the paused. When the database cannot be read, the
     * configured sources (crawling then stops at the first document anyway, and resumes with the database).
     */
    public List<SourceConfig> activeSources() {
        try {
            return sourceRegistry.active();
        } catch (java.sql.SQLException e) {
            LOG.warn("source registry unavailable, using the configured sources: {}", e.toString());
            return config.sources();
        }
    }

    /** Sources as staff manage them: added, paused, resumed, removed at run time (console, API, CLI). */
    public io.yuqing.app.sources.SourceRegistry sourceRegistry() {
        return sourceRegistry;
    }

    /**
     * Brings this node's crawl schedules in line with the registry: a source added or resumed gets a schedule and runs
     * within moments, a paused or removed one loses its schedule. Every node runs this every 15 s (the registry is in
     * the shared database) and the node that made a change runs it at once.
     */
    public synchronized void syncSources() {
        if (scheduler == null) {
            return;
        }
        List<SourceConfig> wanted;
        try {
            wanted = sourceRegistry.active();
        } catch (java.sql.SQLException e) {
            LOG.warn("source registry unavailable; schedules stay as they are: {}", e.toString());
            return;
        }
        if (wanted.equals(scheduledSources)) {
            return;
        }
        scheduler.start(wanted);
        sourceHealth.bindMetrics(wanted, meters);
        LOG.info("crawl schedules now cover {} sources", wanted.size());
        scheduledSources = wanted;
    }

    /** The sources this node's scheduler has schedules for (empty before {@link #startBackground()}). */
    public synchronized java.util.Set<String> scheduledSourceIds() {
        return scheduler == null ? java.util.Set.of() : scheduler.scheduledSources();
    }

    /** "Test this source" with this service's watchlist and scorer; stores nothing. */
    public io.yuqing.app.sources.SourceTrial.Result trySource(SourceConfig source, int limit) {
        return new io.yuqing.app.sources.SourceTrial(config.crawler(), limit, clock).run(source, matcher.get(), scorer.get(),
                watchlist.get().stream().map(Enterprise::name).toList());
    }

    /** Crawls every source once, one after another, then delivers due mails. For scripts and tests. */
    public List<CycleReport> crawlOnce() {
        List<CycleReport> reports = new ArrayList<>();
        for (SourceConfig source : activeSources()) {
            CycleReport report = crawler.crawl(source, pipeline);
            lastReports.put(source.id(), report);
            reports.add(report);
        }
        deliverDueMail();
        return reports;
    }

    /** Starts the crawl schedules and the mail delivery loop. */
    public synchronized void startBackground() {
        if (scheduler != null) {
            return;
        }
        // Clustered on the service database: with several app nodes each source is crawled by one node per interval,
        // and a node that dies has its sources taken over by the others.
        scheduler = new CrawlScheduler(crawler, pipeline, database.dataSource(), CrawlScheduler.AUTO_INSTANCE_ID,
                config.crawler().concurrentSources())
                .adaptive(adaptiveRecrawl);
        scheduler.onCycle(report -> {
            lastReports.put(report.sourceId(), report);
            deliverDueMail();
        });
        scheduledSources = activeSources();
        scheduler.start(scheduledSources);
        deliveryLoop = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("yuqing-mail").factory());
        deliveryLoop.scheduleWithFixedDelay(this::deliverDueMail, 1, 2, TimeUnit.SECONDS);
        deliveryLoop.scheduleWithFixedDelay(this::enqueueDueDigests, 5, 60, TimeUnit.SECONDS);
        deliveryLoop.scheduleWithFixedDelay(this::syncSourcesQuietly, 15, 15, TimeUnit.SECONDS);
        deliveryLoop.scheduleWithFixedDelay(this::checkEscalations, 60, 60, TimeUnit.SECONDS);
        deliveryLoop.scheduleWithFixedDelay(this::renotifyUnacknowledgedRed, 60, 60, TimeUnit.SECONDS);
        deliveryLoop.scheduleWithFixedDelay(this::checkSilentSources, 60, 300, TimeUnit.SECONDS);
        if (config.index().retains()) {
            deliveryLoop.scheduleWithFixedDelay(this::applyRetention, 5, 60 * 60, TimeUnit.SECONDS);
        }
        long every = config.scoring().retrainEvery().toSeconds();
        if (every > 0) {
            // Training takes a core for a while: its own thread, so mail delivery never waits for it.
            learningLoop = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("yuqing-learning").factory());
            learningLoop.scheduleWithFixedDelay(() -> {
                try {
                    LOG.info("retraining from reviews: {}", retrainFromReviews());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("retraining from reviews failed; the current scorer stays: {}", e.toString());
                }
            }, every, every, TimeUnit.SECONDS);
        }
    }

    /**
     * From the configured digest time on, puts yesterday's digest for every desk into the outbox. Checked every
     * minute rather than fired once, so a service that was down at 08:00 still sends it when it comes back; the
     * outbox's idempotency key keeps it to once per desk and day, also with several nodes.
     */
    public int enqueueDueDigests() {
        var zone = config.alerting().zone();
        var now = java.time.ZonedDateTime.now(clock.withZone(zone));
        if (now.toLocalTime().isBefore(config.alerting().digestTime())) {
            return 0;
        }
        try {
            return digests.enqueue(now.toLocalDate().minusDays(1), zone, config.desks());
        } catch (RuntimeException e) {
            LOG.warn("daily digest could not be prepared; will try again in a minute: {}", e.toString());
            return 0;
        }
    }

    private void syncSourcesQuietly() {
        try {
            syncSources();
        } catch (RuntimeException e) {
            LOG.warn("source schedules could not be updated; will try again: {}", e.toString());
        }
    }

    /**
     * Removes from the index the documents fetched longer ago than {@code index.retention} (none when it is 0); run
     * every hour by the background loop. Returns how many went, or -1 when the index could not do it now (logged,
     * retried in an hour). Alerts and cases in the database stay. The per-document rows that would otherwise grow for
     * ever go with the same cutoff: page copies, the near-duplicate clusters' rows (a cluster lives on in its later
     * members under the id its alerts carry) and the rules' history (kept for the longest rule look-back at least).
     * Kept on purpose: seen URLs (a feed or sitemap still listing an expired article must not bring it back) and
     * document revisions (part of an alert's timeline, which stays).
     */
    public long applyRetention() {
        if (!config.index().retains()) {
            return 0;
        }
        java.time.Instant cutoff = clock.instant().minus(config.index().retention());
        try {
            long removed = store.expireFetchedBefore(cutoff);
            expired.increment(removed);
            // The kept page copies follow their documents out.
            pageCopies.expireFetchedBefore(cutoff);
            int fingerprints = clusters.expireAssignedBefore(cutoff);
            int ruleItems = alertService.forgetRuleHistoryBefore(cutoff);
            if (removed > 0 || fingerprints > 0 || ruleItems > 0) {
                LOG.info("index retention {}: removed {} documents fetched before {}, {} near-duplicate fingerprints, {} rule history rows",
                        config.index().retention(), removed, cutoff, fingerprints, ruleItems);
            }
            return removed;
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            LOG.warn("index retention could not run; will try again in an hour: {}", e.toString());
            return -1;
        }
    }

    /** Red alerts nobody acknowledged in time are mailed once more, also to the escalation recipients. */
    public void renotifyUnacknowledgedRed() {
        try {
            alertService.renotifyDue();
        } catch (RuntimeException e) {
            LOG.warn("red re-notification failed; will try again in a minute: {}", e.toString());
        }
    }

    /** Sources silent for longer than usual are mailed to the operators of their source-silent rules, once. */
    public void checkSilentSources() {
        try {
            sourceSilence.tick(config.sources().stream().map(SourceConfig::id).toList());
        } catch (RuntimeException e) {
            LOG.warn("source-silent check failed; will try again in five minutes: {}", e.toString());
        }
    }

    /** Confirms pending surges and resolves calm ones; new firings go to the desks through the outbox. */
    public void checkEscalations() {
        try {
            escalations.tick();
        } catch (RuntimeException e) {
            LOG.warn("escalation check failed; will try again in a minute: {}", e.toString());
        }
    }

    /**
     * New alerts' mails and posts go out now rather than at the next 2-second poll (AlertLatencyBench measured the
     * poll as most of the alert-to-SMTP time). Wake-ups coalesce while one is queued; before startBackground (scripts,
     * tests) there is no loop and delivery stays explicit.
     */
    private void wakeDelivery() {
        ScheduledExecutorService loop = deliveryLoop;
        if (loop != null && deliveryWakeQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    deliveryWakeQueued.set(false);
                    deliverDueMail();
                });
            } catch (RejectedExecutionException e) {
                deliveryWakeQueued.set(false); // closing: nothing more to deliver
            }
        }
    }

    /**
     * Sends a dead outbox row again as {@code actor} (an administrator, once the cause is fixed) and wakes the delivery
     * loop, as a new alert does, so it goes out now rather than at the next poll. Pending and sent rows are refused.
     */
    public DeadLetters.Resend resendDead(long outboxId, String actor) {
        DeadLetters.Resend outcome = deadLetters.resend(outboxId, actor);
        if (outcome instanceof DeadLetters.Resent resent) {
            LOG.info("{} sent outbox row {} ({}) again", actor, resent.id(), resent.idempotencyKey());
            wakeDelivery();
        }
        return outcome;
    }

    /** Sends every dead outbox row again as {@code actor} and wakes the delivery loop; returns how many. */
    public int resendAllDead(String actor) {
        int resent = deadLetters.resendAll(actor);
        if (resent > 0) {
            LOG.info("{} sent all {} dead outbox rows again", actor, resent);
            wakeDelivery();
        }
        return resent;
    }

    /** Sends what is due in the outbox; a failure is retried later by the outbox itself. */
    public void deliverDueMail() {
        // Groups whose wait, interval or repeat interval has passed put their one notification into the outbox first.
        try {
            alertService.notifyGroups();
        } catch (RuntimeException e) {
            LOG.warn("alert group notifications failed; the groups stay due and are tried again: {}", e.toString());
        }
        // Without an SMTP host mail rows wait (no attempts used); webhook rows still go out.
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("mail delivery round failed; pending mails stay in the outbox: {}", e.toString());
        }
    }

    /** The watchlist entry of an enterprise id (district and industry label alerts for routing). */
    private java.util.Optional<Enterprise> enterprise(String id) {
        return watchlist.get().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The routing tree alerts follow. */
    public io.yuqing.alerting.routing.RoutingTree routing() {
        return alertService.routing();
    }

    private String consoleUrl() {
        return config.server().publicUrl().isEmpty()
                ? "http://" + config.server().host() + ":" + config.server().port()
                : config.server().publicUrl();
    }

    public YuqingConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public MeterRegistry meters() {
        return meters;
    }

    public Database database() {
        return database;
    }

    public DocumentStore store() {
        return store;
    }

    public AlertQueries alerts() {
        return alertQueries;
    }

    public ReviewService reviews() {
        return reviewService;
    }

    /** Sanitised copies of crawled pages, for reviewers. */
    public PageCopyStore pageCopies() {
        return pageCopies;
    }

    /** The interval the source is crawled at now: its {@code every}, or what adaptive recrawl made of it. */
    public java.time.Duration crawlInterval(SourceConfig source) {
        return adaptiveRecrawl.intervalOf(source);
    }

    /** Edits and deletions of the originals of stored documents, found by re-checks. */
    public DocumentRevisions revisions() {
        return revisions;
    }

    public DocumentPipeline pipeline() {
        return pipeline;
    }

    public List<Enterprise> watchlist() {
        return watchlist.get();
    }

    public WatchlistRepository watchlistRepository() {
        return watchlistRepository;
    }

    public SilenceService silences() {
        return silences;
    }

    public EscalationMonitor escalations() {
        return escalations;
    }

    public NearDuplicateIndex clusters() {
        return clusters;
    }

    public SourceHealth sourceHealth() {
        return sourceHealth;
    }

    public boolean mailEnabled() {
        return config.smtp().enabled();
    }

    /** The last finished cycle of each source, for the console's sources page. */
    public Map<String, CycleReport> lastReports() {
        return Map.copyOf(lastReports);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (learningLoop != null) {
            learningLoop.shutdownNow();
        }
        if (deliveryLoop != null) {
            // The interrupt stops the outbox claiming; the mails already being sent finish and are recorded before the
            // database closes, or a restart would send them again. Each is bounded by the SMTP or webhook timeouts.
            deliveryLoop.shutdownNow();
            try {
                if (!deliveryLoop.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    LOG.warn("mail delivery still busy after {} s; mails being sent now may go out again after restart",
                            SHUTDOWN_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mailSender.close(); // QUIT on the kept-open SMTP connections
        crawler.close();
        try {
            store.close();
        } catch (Exception e) {
            LOG.warn("closing the index failed: {}", e.toString());
        }
        database.close();
    }
}
