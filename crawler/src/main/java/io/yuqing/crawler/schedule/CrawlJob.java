package io.yuqing.crawler.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * One run of one source's crawl cycle. Quartz stores only this class name and the source id (the job's name); the
 * crawler and sink are this node's, found in the scheduler context, so nothing is serialized into the database and
 * whichever cluster node fires the trigger crawls with its own parts. Never two runs of one source at once, cluster-wide.
 */
@DisallowConcurrentExecution
public final class CrawlJob implements Job {
    /** Quartz instantiates jobs reflectively. */
    public CrawlJob() {
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        CrawlScheduler owner;
        try {
            owner = (CrawlScheduler) context.getScheduler().getContext().get(CrawlScheduler.CONTEXT_KEY);
        } catch (SchedulerException e) {
            throw new JobExecutionException("the scheduler context is unavailable: " + e.getMessage(), e);
        }
        if (owner == null) {
            throw new JobExecutionException("no crawl scheduler registered in this node's scheduler context");
        }
        owner.runCycle(context.getJobDetail().getKey().getName());
    }
}
