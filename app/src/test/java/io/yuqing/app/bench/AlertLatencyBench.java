package io.yuqing.app.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Alerting latency on the whole service as it runs (real clock, H2, Lucene, GreenMail as the SMTP server, the
 * service's own 2-second delivery loop): documents offered to the pipeline at a steady rate for a few minutes, a
 * share of them risky, each about a different watchlist enterprise with its own wording (so neither escalation
 * inhibition nor repost clustering swallows them). Prints p50/p99 of
 * <ul>
 *   <li>document accepted → alert row stored: from the call to the pipeline until it returned with the alert
 *   committed (the pipeline stores synchronously), over the documents that raised an alert;</li>
 *   <li>alert stored → mail accepted by SMTP: the alert's {@code created_at} to its outbox row's {@code sent_at},
 *   which the dispatcher writes once GreenMail has accepted the message.</li>
 * </ul>
 * Documents arrive on a fixed schedule (open loop) and each is handled on its own virtual thread, at most
 * {@code concurrency} at once, as crawl cycles of different sources hand over theirs; a document's time counts from
 * when it was due, so waiting for a free slot is included. Also prints the service's own timer
 * {@code yuqing.pipeline.alert.latency}: document indexed → its alerts stored (the measure), as bucket bounds.
 * Usage: {@code AlertLatencyBench [docsPerSecond=20] [seconds=180] [riskyShare=0.2] [concurrency=64] [senders=config default]}.
 * {@code -Dbench.timeline=true} also prints the worst alert → SMTP time of each second of the run.
 */
public final class AlertLatencyBench {
    private static final String[] RISKS = {
            "拖欠工人工资达半年之久，数十名工人到公司讨薪",
            "厂区发生爆炸事故，造成多人受伤，现场浓烟滚滚",
            "生产的食品被检出致病菌超标，市场监管部门已责令下架",
            "被举报向河道偷排污水，环保部门已立案调查",
            "资金链断裂，多家供应商上门追讨货款",
            "涉嫌合同诈骗，公安机关已对其负责人立案侦查"};
    private static final String[] PLACES = {"东湖区", "西城区", "高新区", "临港新区", "北山县", "南湖街道"};

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        double riskyShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.2;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int senders = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int total = (int) Math.round(rate * seconds);
        int enterprises = Math.min(1000, Math.max(100, (int) Math.ceil(total * riskyShare) + 10));

        Path dir = Files.createTempDirectory("yuqing-latency-bench");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        StringBuilder yaml = new StringBuilder();
        yaml.append("dataDir: ").append(dir.resolve("data")).append('\n')
                .append("smtp:\n  host: 127.0.0.1\n  port: ").append(smtp.getSmtp().getPort()).append('\n')
                .append(senders > 0 ? "alerting:\n  retryDelay: 30s\n  maxAttempts: 8\n  senders: " + senders + "\n" : "")
                .append("desks:\n  - id: publicity\n    name: 宣传部\n    recipients: [xc@example.gov.cn]\n")
                .append("watchlist:\n  enterprises:\n");
        for (int e = 0; e < enterprises; e++) {
            yaml.append("    - name: 青州").append(firmName(e)).append("有限公司\n");
        }
        YuqingConfig config = new ConfigLoader().load(yaml.toString(), "bench.yml");
        Random random = new Random(20261125L);
        List<Double> acceptMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        int risky = 0;
        long late = 0;
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrency);
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), registry);
             java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            service.startBackground();
            long periodNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -periodNanos) {
                    late++;
                }
                boolean isRisky = random.nextDouble() < riskyShare;
                String firm = "青州" + firmName(isRisky ? risky % enterprises : random.nextInt(enterprises)) + "有限公司";
                String place = PLACES[random.nextInt(PLACES.length)];
                String title;
                String text;
                if (isRisky) {
                    String risk = RISKS[random.nextInt(RISKS.length)];
                    title = firm + risk.substring(0, risk.indexOf('，')) + "（" + place + "第" + i + "号通报）";
                    text = "本报讯（记者 " + (1000 + i) + "）据" + place + "群众反映，" + firm + risk + "。" + "涉事人数约 "
                            + (10 + random.nextInt(200)) + " 人，事件编号 " + i + "，相关部门表示将依法处理。";
                    risky++;
                } else {
                    title = place + "举办第" + i + "届营商环境座谈会";
                    text = place + "今日召开营商环境座谈会，" + firm + "等企业代表参加，第 " + i + " 次会议交流了技术创新经验。";
                }
                Instant now = Instant.now();
                Document doc = new Document(null, "https://bench" + (i % 17) + ".example.cn/a/" + i + ".html",
                        "bench" + (i % 17), title, text, "", "", now, now);
                boolean counted = isRisky;
                handlers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        service.pipeline().accept(doc);
                        if (counted) {
                            acceptMillis.add((System.nanoTime() - due) / 1e6);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquireUninterruptibly(concurrency); // every document handled
            slots.release(concurrency);
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Let the delivery loop send what is left, then read alert and mail times from the database.
            Thread.sleep(5_000);
            List<Double> mailMillis = new ArrayList<>();
            boolean timeline = Boolean.getBoolean("bench.timeline");
            java.util.TreeMap<Long, Long> worstBySecond = new java.util.TreeMap<>();
            int alerts;
            try (Connection c = service.database().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT a.created_at, o.sent_at FROM alerts a"
                         + " LEFT JOIN outbox o ON o.idempotency_key = CONCAT('alert:', CAST(a.id AS VARCHAR(20)), ':desk:publicity')")) {
                alerts = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        alerts++;
                        OffsetDateTime created = rs.getObject(1, OffsetDateTime.class);
                        OffsetDateTime sent = rs.getObject(2, OffsetDateTime.class);
                        if (sent != null) {
                            mailMillis.add(Duration.between(created, sent).toNanos() / 1e6);
                            if (timeline) {
                                // Worst alert → SMTP per second of the run: shows whether slow mails come in waves.
                                worstBySecond.merge(created.toEpochSecond(), Duration.between(created, sent).toMillis(), Math::max);
                            }
                        }
                    }
                }
            }
            List<Double> sortedAccept = new ArrayList<>(acceptMillis);
            Collections.sort(sortedAccept);
            Collections.sort(mailMillis);
            System.out.printf(Locale.ROOT, "# %d documents in %.0f s (%.1f/s offered, %d behind schedule), %d risky,"
                    + " %d alerts, %d mails accepted by SMTP (GreenMail holds %d)%n", total, elapsed, total / elapsed,
                    late, risky, alerts, mailMillis.size(), smtp.getReceivedMessages().length);
            System.out.printf(Locale.ROOT, "# %d at once at most, %d refused by the pipeline%n", concurrency, failed.get());
            System.out.printf(Locale.ROOT, "document_due_to_alert_ms p50=%.1f p99=%.1f max=%.1f (n=%d; due → match, score, index, alert stored)%n",
                    q(sortedAccept, 0.5), q(sortedAccept, 0.99), q(sortedAccept, 1.0), sortedAccept.size());
            io.micrometer.core.instrument.distribution.HistogramSnapshot indexed = registry.get("yuqing.pipeline.alert.latency")
                    .timer().takeSnapshot();
            System.out.printf(Locale.ROOT, "indexed_to_alert_ms p50<=%.1f p99<=%.1f max=%.1f (n=%d; histogram bucket bounds)%n",
                    bucketBound(indexed, 0.5), bucketBound(indexed, 0.99), indexed.max(TimeUnit.MILLISECONDS), indexed.count());
            if (timeline) {
                long first = worstBySecond.isEmpty() ? 0 : worstBySecond.firstKey();
                StringBuilder line = new StringBuilder("# worst alert_to_smtp_ms per second:");
                worstBySecond.forEach((second, worst) -> line.append(' ').append(second - first).append('=').append(worst));
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "alert_to_smtp_ms p50=%.0f p99=%.0f max=%.0f (n=%d)%n",
                    q(mailMillis, 0.5), q(mailMillis, 0.99), q(mailMillis, 1.0), mailMillis.size());
        } finally {
            smtp.stop();
        }
    }

    /** A distinct two-to-four character firm name per number, so no name contains another. */
    private static String firmName(int n) {
        String digits = "甲乙丙丁戊己庚辛壬癸";
        String tail = "子丑寅卯辰巳午未申酉";
        return "云" + digits.charAt(n % 10) + tail.charAt((n / 10) % 10) + digits.charAt((n / 100) % 10) + "科技";
    }

    private static double q(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** The upper bound of the histogram bucket in which the share {@code p} of the values is reached. */
    private static double bucketBound(io.micrometer.core.instrument.distribution.HistogramSnapshot h, double p) {
        double wanted = p * h.count();
        for (io.micrometer.core.instrument.distribution.CountAtBucket b : h.histogramCounts()) {
            if (b.count() >= wanted) {
                return b.bucket(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
