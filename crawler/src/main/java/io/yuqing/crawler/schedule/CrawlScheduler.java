package io.yuqing.crawler.schedule;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Crawler;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs each source's crawl cycle right away and then every {@code source.every()}, on Quartz with the in-memory job
 * store. Two cycles of one source never overlap; a cycle that overruns its interval delays the next one.
 */
public final class CrawlScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CrawlScheduler.class);
    private static final String GROUP = "crawl";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Crawler crawler;
    private final DocumentSink sink;
    private final Scheduler scheduler;
    private final Map<String, SourceConfig> sources = new ConcurrentHashMap<>();
    private final List<Consumer<CycleReport>> listeners = new CopyOnWriteArrayList<>();

    public CrawlScheduler(Crawler crawler, DocumentSink sink) {
        this.crawler = crawler;
        this.sink = sink;
        Properties props = new Properties();
        // Each instance gets its own name: Quartz hands out one shared scheduler per name within a JVM.
        props.setProperty("org.quartz.scheduler.instanceName", "yuqing-crawler-" + INSTANCES.incrementAndGet());
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        props.setProperty("org.quartz.threadPool.threadCount", "4");
        props.setProperty("org.quartz.threadPool.threadNamePrefix", "yuqing-crawl");
        try {
            this.scheduler = new StdSchedulerFactory(props).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new CrawlJob(this));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not create the crawl scheduler: " + e.getMessage(), e);
        }
    }

    /** Observes every finished cycle (the app shows them in the console). */
    public void onCycle(Consumer<CycleReport> listener) {
        listeners.add(listener);
    }

    public void start(List<SourceConfig> sourceList) {
        try {
            for (SourceConfig source : sourceList) {
                if (sources.putIfAbsent(source.id(), source) != null) {
                    throw new IllegalArgumentException("source id '" + source.id() + "' is configured twice");
                }
                JobDetail job = JobBuilder.newJob(CrawlJob.class).withIdentity(source.id(), GROUP).storeDurably().build();
                Trigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(source.id(), GROUP)
                        .forJob(job)
                        .startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(source.every().toMillis())
                                .repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build();
                scheduler.scheduleJob(job, trigger);
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule crawl jobs: " + e.getMessage(), e);
        }
    }

    /** Runs a source's cycle now, in addition to its schedule (still never two at once). */
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

    void runCycle(String sourceId) {
        SourceConfig source = sources.get(sourceId);
        if (source == null) {
            return;
        }
        CycleReport report;
        try {
            report = crawler.crawl(source, sink);
        } catch (RuntimeException e) {
            log.error("crawl cycle of source {} failed", sourceId, e);
            return;
        }
        for (Consumer<CycleReport> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                log.warn("cycle listener failed for source {}", sourceId, e);
            }
        }
    }

    /** Stops scheduling and waits for running cycles to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("crawl scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** One run of one source; Quartz creates it per run through the scheduler's job factory. */
    @DisallowConcurrentExecution
    static final class CrawlJob implements Job {
        private final CrawlScheduler owner;

        CrawlJob(CrawlScheduler owner) {
            this.owner = owner;
        }

        @Override
        public void execute(JobExecutionContext context) {
            owner.runCycle(context.getJobDetail().getKey().getName());
        }
    }
}
