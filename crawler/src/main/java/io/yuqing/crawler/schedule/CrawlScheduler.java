package io.yuqing.crawler.schedule;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Crawler;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs each source's crawl cycle every {@code source.every()}, on Quartz. Two cycles of one source never overlap; a
 * cycle that overruns its interval delays the next one, and missed runs are not caught up: one run happens now instead.
 *
 * <p>Two job stores: in memory (one node; every source runs right away at start), or clustered on the service
 * database ({@link #CrawlScheduler(Crawler, DocumentSink, DataSource, String)}), where all nodes share the schedules
 * under one scheduler name, each run happens on one node only, a node killed mid-cycle has that cycle re-run by another
 * node once it misses its check-ins (about 15 s), and schedules survive restarts.
 */
public final class CrawlScheduler implements AutoCloseable {
    /** The scheduler name every node of one installation shares in the clustered store. */
    public static final String CLUSTER_NAME = "yuqing-crawler";
    /** Instance id asking Quartz for a unique one per node (host name and start time). */
    public static final String AUTO_INSTANCE_ID = "AUTO";
    static final String CONTEXT_KEY = "yuqing.crawlScheduler";
    private static final Logger log = LoggerFactory.getLogger(CrawlScheduler.class);
    private static final String GROUP = "crawl";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Crawler crawler;
    private final DocumentSink sink;
    private final boolean clustered;
    private final Scheduler scheduler;
    private volatile Map<String, SourceConfig> sources = Map.of();
    private final List<Consumer<CycleReport>> listeners = new CopyOnWriteArrayList<>();
    /** Adapts each source's interval to its news; null: every source runs at its configured {@code every}. */
    private volatile AdaptiveRecrawl adaptive;

    /** One node, schedules in memory: for a single service process and for tests. */
    public CrawlScheduler(Crawler crawler, DocumentSink sink) {
        this(crawler, sink, QuartzSettings.WORKER_THREADS);
    }

    /** One node, schedules in memory, at most {@code concurrentCycles} source cycles at once. */
    public CrawlScheduler(Crawler crawler, DocumentSink sink, int concurrentCycles) {
        // Each in-memory instance gets its own name, so several can run in one JVM.
        this(crawler, sink, false, QuartzSettings.inMemory(CLUSTER_NAME + "-local-" + INSTANCES.incrementAndGet(),
                requirePositive(concurrentCycles)));
    }

    /**
     * Clustered on the service database (H2 or PostgreSQL, migrated with {@code database.migrate("crawler")}):
     * every node of the service passes its own pool and a unique instance id, or {@link #AUTO_INSTANCE_ID}.
     */
    public CrawlScheduler(Crawler crawler, DocumentSink sink, DataSource dataSource, String instanceId) {
        this(crawler, sink, dataSource, instanceId, QuartzSettings.WORKER_THREADS);
    }

    /**
     * Clustered, with at most {@code concurrentCycles} source cycles at once on this node. A cycle spends most of its
     * time waiting for the per-host politeness delay, so many sources need many concurrent cycles to be crawled at the
     * pace politeness allows.
     */
    public CrawlScheduler(Crawler crawler, DocumentSink sink, DataSource dataSource, String instanceId, int concurrentCycles) {
        this(crawler, sink, true, clusteredSettings(dataSource, instanceId, requirePositive(concurrentCycles)));
    }

    private static int requirePositive(int concurrentCycles) {
        if (concurrentCycles < 1) {
            throw new IllegalArgumentException("a crawl scheduler runs at least one cycle at a time, not " + concurrentCycles);
        }
        return concurrentCycles;
    }

    private CrawlScheduler(Crawler crawler, DocumentSink sink, boolean clustered, Properties props) {
        this.crawler = crawler;
        this.sink = sink;
        this.clustered = clustered;
        String name = props.getProperty("org.quartz.scheduler.instanceName");
        try {
            this.scheduler = new StdSchedulerFactory(props).getScheduler();
            // This object owns its scheduler; out of Quartz's by-name registry, a second node can run in the same JVM.
            SchedulerRepository.getInstance().remove(name);
            scheduler.setJobFactory(new SimpleJobFactory());
            scheduler.getContext().put(CONTEXT_KEY, this);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not create the crawl scheduler: " + e.getMessage(), e);
        }
    }

    private static Properties clusteredSettings(DataSource dataSource, String instanceId, int concurrentCycles) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("a clustered crawl scheduler needs an instance id (or AUTO)");
        }
        String delegate = QuartzSettings.delegateFor(dataSource);
        // Quartz finds connection providers by name in a JVM-wide registry: one name per scheduler object.
        String dataSourceName = "yuqing-service-db-" + INSTANCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ServiceConnectionProvider(dataSource));
        return QuartzSettings.clustered(CLUSTER_NAME, instanceId.strip(), dataSourceName, delegate, concurrentCycles);
    }

    /**
     * Lets each source's interval adapt to how often it has news, starting from its {@code every}; set before
     * {@link #start}. After each cycle the source's trigger is rescheduled when its interval changed.
     */
    public CrawlScheduler adaptive(AdaptiveRecrawl recrawl) {
        this.adaptive = recrawl;
        return this;
    }

    /** Observes every finished cycle of this node (the app shows them in the console). */
    public void onCycle(Consumer<CycleReport> listener) {
        listeners.add(listener);
    }

    /**
     * Registers one job per source, replacing what the store holds so configuration changes apply, unschedules sources
     * no longer configured, and starts firing. A source whose interval is unchanged keeps its stored trigger, so a
     * restarting node neither resets the shared schedule nor crawls everything again at once.
     */
    public void start(List<SourceConfig> sourceList) {
        Map<String, SourceConfig> byId = new LinkedHashMap<>();
        for (SourceConfig source : sourceList) {
            if (byId.putIfAbsent(source.id(), source) != null) {
                throw new IllegalArgumentException("source id '" + source.id() + "' is configured twice");
            }
        }
        sources = Map.copyOf(byId);
        try {
            for (SourceConfig source : byId.values()) {
                register(source);
            }
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!byId.containsKey(key.getName())) {
                    scheduler.deleteJob(key);
                    log.info("source {} is no longer configured: its crawl schedule is removed", key.getName());
                }
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule crawl jobs: " + e.getMessage(), e);
        }
    }

    private void register(SourceConfig source) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(CrawlJob.class)
                .withIdentity(source.id(), GROUP)
                .withDescription(source.name())
                .storeDurably()
                // A node killed mid-cycle: another node runs the cycle again (writes are idempotent).
                .requestRecovery(clustered)
                .build();
        scheduler.addJob(job, true);
        TriggerKey key = TriggerKey.triggerKey(source.id(), GROUP);
        java.time.Duration interval = intervalOf(source);
        Trigger wanted = trigger(source, interval, null);
        Trigger stored = scheduler.getTrigger(key);
        if (stored == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException e) {
                // Another node starting at the same moment registered it first: same configuration, nothing to do.
                log.debug("crawl schedule of source {} was registered by another node", source.id());
            }
        } else if (!sameSchedule(stored, interval)) {
            scheduler.rescheduleJob(key, wanted);
            log.info("source {}: crawl interval changed to {}", source.id(), interval);
        }
    }

    private java.time.Duration intervalOf(SourceConfig source) {
        AdaptiveRecrawl recrawl = adaptive;
        return recrawl == null ? source.every() : recrawl.intervalOf(source);
    }

    /** A trigger firing every {@code interval}, first at {@code startAt} (null: now). */
    private static Trigger trigger(SourceConfig source, java.time.Duration interval, Instant startAt) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger()
                .withIdentity(source.id(), GROUP)
                .forJob(source.id(), GROUP);
        builder = startAt == null ? builder.startNow() : builder.startAt(java.util.Date.from(startAt));
        return builder
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        // After downtime or an overrun: one run now, then every interval from there; no catching up.
                        .withMisfireHandlingInstructionNowWithRemainingCount())
                .build();
    }

    private static boolean sameSchedule(Trigger stored, java.time.Duration interval) {
        return stored instanceof SimpleTrigger simple
                && simple.getRepeatInterval() == interval.toMillis()
                && simple.getRepeatCount() == SimpleTrigger.REPEAT_INDEFINITELY
                && simple.getMisfireInstruction() == SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT;
    }

    /** Runs a source's cycle now, in addition to its schedule (still never two at once; in a cluster, on any node). */
    public void runNow(String sourceId) {
        if (!sources.containsKey(sourceId)) {
            throw new IllegalArgumentException("no scheduled source '" + sourceId + "'");
        }
        try {
            scheduler.triggerJob(JobKey.jobKey(sourceId, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not trigger source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** When the source's next scheduled cycle is due (on whichever node), as the job store has it. */
    public Optional<Instant> nextRun(String sourceId) {
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(sourceId, GROUP));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(java.util.Date::toInstant);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the schedule of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** The interval the source's trigger fires at, as the job store has it. */
    public Optional<java.time.Duration> interval(String sourceId) {
        try {
            return Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(sourceId, GROUP)))
                    .filter(SimpleTrigger.class::isInstance)
                    .map(t -> java.time.Duration.ofMillis(((SimpleTrigger) t).getRepeatInterval()));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the schedule of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** The source ids with a crawl schedule in the job store (shared by all nodes when clustered). */
    public Set<String> scheduledSources() {
        try {
            Set<String> ids = new TreeSet<>();
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                ids.add(key.getName());
            }
            return ids;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not list crawl schedules: " + e.getMessage(), e);
        }
    }

    public boolean clustered() {
        return clustered;
    }

    /** This node's id in the cluster ({@code NON_CLUSTERED} in memory). */
    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void runCycle(String sourceId) {
        SourceConfig source = sources.get(sourceId);
        if (source == null) {
            // Possible in a cluster while nodes run different configurations (a rolling update).
            log.warn("crawl job for source {} fired on node {}, which does not configure it; skipped", sourceId, instanceId());
            return;
        }
        CycleReport report;
        try {
            report = crawler.crawl(source, sink);
        } catch (RuntimeException e) {
            log.error("crawl cycle of source {} failed", sourceId, e);
            return;
        }
        adapt(source, report);
        for (Consumer<CycleReport> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                log.warn("cycle listener failed for source {}", sourceId, e);
            }
        }
    }

    /** Moves the source's next cycle to one new interval from now when the finished cycle changed its interval. */
    private void adapt(SourceConfig source, CycleReport report) {
        AdaptiveRecrawl recrawl = adaptive;
        if (recrawl == null) {
            return;
        }
        try {
            Optional<java.time.Duration> changed = recrawl.afterCycle(source, report);
            if (changed.isPresent()) {
                // Quartz fires on the system time, not an injected clock.
                Instant next = Instant.now().plus(changed.get());
                scheduler.rescheduleJob(TriggerKey.triggerKey(source.id(), GROUP), trigger(source, changed.get(), next));
                log.info("source {}: crawl interval now {} s ({} new documents in the last cycle)", source.id(),
                        changed.get().toSeconds(), report.newDocuments());
            }
        } catch (SchedulerException | RuntimeException e) {
            // The source keeps its current schedule; the next cycle adapts again.
            log.warn("source {}: could not adapt the crawl interval: {}", source.id(), e.getMessage());
        }
    }

    /** Stops scheduling on this node and waits for its running cycles to finish; stored schedules stay. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("crawl scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }
}
