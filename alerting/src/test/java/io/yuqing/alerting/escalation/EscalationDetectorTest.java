package io.yuqing.alerting.escalation;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationDetectorTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final String FIRM = "ent-rare";

    final AdjustableClock clock = new AdjustableClock(T0);
    final EscalationDetector detector = new EscalationDetector(EscalationConfig.defaults(), clock);

    List<EscalationEvent> item(String enterprise, RiskCategory category, String source) {
        return detector.observe(new RiskyItem(enterprise, List.of(category), source, clock.instant()));
    }

    List<EscalationEvent> advanceAndTick(Duration by) {
        clock.advance(by);
        return detector.tick();
    }

    /** One item every {@code every} for {@code days}, ticking every 15 minutes, returning all events. */
    List<EscalationEvent> steady(String enterprise, Duration every, int days) {
        List<EscalationEvent> events = new ArrayList<>();
        Instant end = clock.instant().plus(Duration.ofDays(days));
        Instant nextItem = clock.instant();
        while (clock.instant().isBefore(end)) {
            if (!clock.instant().isBefore(nextItem)) {
                events.addAll(item(enterprise, RiskCategory.CONSUMER_COMPLAINT, "s1"));
                nextItem = nextItem.plus(every);
            }
            events.addAll(advanceAndTick(Duration.ofMinutes(15)));
        }
        return events;
    }

    @Test
    void threeItemsAboutARarelyMentionedFirmFireAtOnceThenResolveAfterCalm() {
        assertEquals(List.of(), item(FIRM, RiskCategory.WAGE_ARREARS, "a"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), item(FIRM, RiskCategory.WAGE_ARREARS, "b"));
        clock.advance(Duration.ofMinutes(5));
        // Three items in ten minutes about a firm never seen: the tail is so extreme that the pending period is skipped.
        // The wage-arrears category is announced (it routes to its desk); the enterprise overall is the same story,
        // so it fires silently — it still counts as escalating.
        List<EscalationEvent> events = item(FIRM, RiskCategory.WAGE_ARREARS, "b");
        assertEquals(1, events.size(), "one announcement for one story: " + events);
        EscalationEvent.Firing firing = assertInstanceOf(EscalationEvent.Firing.class, events.getFirst());
        assertEquals(FIRM, firing.enterpriseId());
        assertEquals(RiskCategory.WAGE_ARREARS, firing.category());
        assertEquals(3, firing.count());
        assertEquals(2, firing.sources());
        assertTrue(firing.pValue() < 1e-4, "p=" + firing.pValue());
        assertTrue(firing.expected() < 0.1, "expected=" + firing.expected());
        assertEquals(T0, firing.since());
        assertEquals(T0.plus(Duration.ofMinutes(10)), firing.firedAt());
        assertTrue(detector.firing().contains(EscalationKey.overall(FIRM)), "the enterprise is escalating");

        assertEquals(List.of(), advanceAndTick(Duration.ofMinutes(15)), "fires once per episode");
        List<EscalationEvent> later = new ArrayList<>();
        for (int i = 0; i < 4 * 20; i++) {
            later.addAll(advanceAndTick(Duration.ofMinutes(15)));
        }
        assertEquals(1, later.size(), "only what was announced resolves: " + later);
        EscalationEvent.Resolved resolved = assertInstanceOf(EscalationEvent.Resolved.class, later.getFirst());
        assertEquals(RiskCategory.WAGE_ARREARS, resolved.category());
        assertEquals(T0, resolved.since());
        assertTrue(detector.firing().isEmpty());
    }

    @Test
    void aSurprisingButNotExtremeWindowWaitsForTheNextEvaluation() {
        EscalationDetector patient = new EscalationDetector(EscalationConfig.defaults().withRule(
                new SurpriseRule.PoissonTail(1.5e-3, 1e-2, 0)), clock);
        for (String source : List.of("a", "b")) {
            patient.observe(new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), source, clock.instant()));
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(List.of(), patient.observe(new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "c", clock.instant())),
                "pending first");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, patient.tick().size(), "confirmed at the next evaluation (the category; the enterprise silently)");
    }

    @Test
    void aPendingWindowThatDoesNotHoldAtTheNextEvaluationNeverFires() {
        EscalationConfig config = new EscalationConfig(Duration.ofMinutes(15), List.of(Duration.ofMinutes(15)),
                Duration.ofDays(28), 0.1, 7, new SurpriseRule.PoissonTail(1e-5, 1e-2),
                3, 1, 8, Duration.ofHours(6), false);
        EscalationDetector short15 = new EscalationDetector(config, clock);
        for (int i = 0; i < 3; i++) {
            short15.observe(new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "a", clock.instant()));
        }
        clock.advance(Duration.ofMinutes(15)); // the only window has moved past the three items
        assertEquals(List.of(), short15.tick());
        assertTrue(short15.firing().isEmpty());
    }

    @Test
    void manyItemsAtOnceFireWithoutWaiting() {
        List<EscalationEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.addAll(item(FIRM, RiskCategory.SAFETY_ACCIDENT, "s" + i));
        }
        assertEquals(1, events.stream().filter(e -> e instanceof EscalationEvent.Firing).count(), events.toString());
        assertEquals(2, detector.firing().size(), "category and enterprise both escalating");
    }

    @Test
    void aBusyFirmAtItsUsualPaceNeverFiresButTheSameCountFiresForAQuietOne() {
        // Six items an hour, every hour, for four weeks: that is this firm's normal.
        List<EscalationEvent> busy = steady("ent-busy", Duration.ofMinutes(10), 28);
        assertEquals(List.of(), busy.stream().filter(e -> e instanceof EscalationEvent.Firing f
                && f.firedAt().isAfter(T0.plus(Duration.ofDays(7)))).toList(),
                "no firing once the baseline has been learnt");
        List<EscalationEvent> quiet = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            quiet.addAll(item("ent-quiet", RiskCategory.FOOD_SAFETY, "q" + i));
            quiet.addAll(advanceAndTick(Duration.ofMinutes(10)));
        }
        assertTrue(quiet.stream().anyMatch(e -> e instanceof EscalationEvent.Firing f
                && f.enterpriseId().equals("ent-quiet")), quiet.toString());
        assertTrue(detector.firing().contains(EscalationKey.overall("ent-quiet")));
    }

    @Test
    void restoreRefillsCountsAndDoesNotAnnounceAnOpenEpisodeAgain() {
        List<RiskyItem> past = List.of(
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "a", T0.minus(Duration.ofMinutes(20))),
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "b", T0.minus(Duration.ofMinutes(10))),
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "c", T0.minus(Duration.ofMinutes(5))));
        EscalationEvent.Firing announced = new EscalationEvent.Firing(FIRM, null, 3, 0.01, 1e-7, 3,
                Duration.ofHours(1), T0.minus(Duration.ofMinutes(30)), T0.minus(Duration.ofMinutes(1)));
        detector.restore(past, List.of(announced));

        List<EscalationEvent> events = advanceAndTick(Duration.ofMinutes(5));
        assertEquals(1, events.size(), "only the category key, never announced, fires: " + events);
        assertEquals(RiskCategory.FRAUD, events.getFirst().category());
        assertTrue(detector.firing().contains(EscalationKey.overall(FIRM)));
        assertEquals(List.of(), advanceAndTick(Duration.ofMinutes(5)), "and neither key again");
    }

    /** Another firm mentioned every seven hours from now until {@code until}: the detector is watching all along. */
    List<EscalationEvent> otherFirmUntil(Instant until) {
        List<EscalationEvent> events = new ArrayList<>();
        while (clock.instant().isBefore(until)) {
            events.addAll(item("ent-other", RiskCategory.FRAUD, "o"));
            events.addAll(advanceAndTick(Duration.ofHours(7)));
        }
        return events;
    }

    /** Items about FIRM every {@code every}, ticking in between; returns the events. */
    List<EscalationEvent> firmItems(int n, Duration every, RiskCategory category) {
        List<EscalationEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.addAll(item(FIRM, category, "s" + i));
            events.addAll(advanceAndTick(every));
        }
        return events;
    }

    @Test
    void aFirmFirstSeenLateIsJudgedAgainstEverythingTheDetectorHasWatched() {
        otherFirmUntil(T0.plus(Duration.ofDays(20)));
        // Mentioned twice on day 20, never before: judged from its first sighting that looked like four a day.
        firmItems(2, Duration.ofHours(1), RiskCategory.FOOD_SAFETY);
        clock.advance(Duration.ofHours(22));
        detector.tick();
        List<EscalationEvent> events = firmItems(3, Duration.ofMinutes(20), RiskCategory.FOOD_SAFETY);
        EscalationEvent.Firing f = events.stream().filter(e -> e instanceof EscalationEvent.Firing x
                && x.enterpriseId().equals(FIRM)).map(EscalationEvent.Firing.class::cast).findFirst().orElseThrow(
                () -> new AssertionError("three items in forty minutes after three silent weeks: " + events));
        assertTrue(f.expected() < 0.02, "two mentions in three weeks, not four a day: expected=" + f.expected());
    }

    @Test
    void aBurstThatFiredIsLeftOutOfTheBaselineThatJudgesTheNextOne() {
        otherFirmUntil(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)));
        List<EscalationEvent> first = firmItems(30, Duration.ofMinutes(1), RiskCategory.LABOR_DISPUTE);
        assertTrue(first.stream().anyMatch(e -> e instanceof EscalationEvent.Firing), first.toString());
        List<EscalationEvent> between = new ArrayList<>();
        Instant nextOther = clock.instant();
        while (clock.instant().isBefore(T0.plus(Duration.ofDays(9)).plus(Duration.ofHours(14)))) {
            if (!clock.instant().isBefore(nextOther)) {
                between.addAll(item("ent-other", RiskCategory.FRAUD, "o"));
                nextOther = nextOther.plus(Duration.ofHours(7));
            }
            between.addAll(advanceAndTick(Duration.ofMinutes(15)));
        }
        assertTrue(between.stream().anyMatch(e -> e instanceof EscalationEvent.Resolved), between.toString());
        assertTrue(detector.firing().isEmpty());
        // A week later, three items in fifty minutes. Had the thirty counted as baseline (about four a day), this
        // would be unremarkable; against the firm's usual silence it is a surge.
        List<EscalationEvent> second = firmItems(3, Duration.ofMinutes(25), RiskCategory.LABOR_DISPUTE);
        assertTrue(second.stream().anyMatch(e -> e instanceof EscalationEvent.Firing), second.toString());
    }

    @Test
    void aFreshSurgeDuringALongEpisodeIsANewEscalation() {
        // Three items over three hours and twenty minutes about a quiet firm fire; the 12-hour window keeps the episode
        // open long after.
        List<EscalationEvent> first = firmItems(3, Duration.ofMinutes(100), RiskCategory.FOOD_SAFETY);
        assertEquals(1, first.stream().filter(e -> e instanceof EscalationEvent.Firing).count(), first.toString());
        for (int i = 0; i < 4 * 4; i++) {
            assertEquals(List.of(), advanceAndTick(Duration.ofMinutes(15)));
        }
        assertTrue(detector.firing().contains(new EscalationKey(FIRM, RiskCategory.FOOD_SAFETY)), "still open");
        // Then eight items in eight minutes: far beyond the pace that fired. The old episode ends, a new one is
        // announced.
        List<EscalationEvent> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.addAll(item(FIRM, RiskCategory.FOOD_SAFETY, "b" + i));
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(2, burst.size(), burst.toString());
        assertInstanceOf(EscalationEvent.Resolved.class, burst.get(0));
        EscalationEvent.Firing again = assertInstanceOf(EscalationEvent.Firing.class, burst.get(1));
        assertEquals(RiskCategory.FOOD_SAFETY, again.category());
        assertTrue(!again.since().isBefore(T0.plus(Duration.ofMinutes(300 + 4 * 60))), "the new episode starts with the burst: " + again);
    }

    @Test
    void aBurstGoingOnAtItsOwnPaceIsAnnouncedOnce() {
        List<EscalationEvent> events = firmItems(30, Duration.ofMinutes(1), RiskCategory.FRAUD);
        for (int i = 0; i < 8; i++) {
            events.addAll(advanceAndTick(Duration.ofMinutes(15)));
        }
        assertEquals(1, events.stream().filter(e -> e instanceof EscalationEvent.Firing).count(), events.toString());
        assertEquals(0, events.stream().filter(e -> e instanceof EscalationEvent.Resolved).count(), events.toString());
    }

    @Test
    void markedItemsStayInTheWindowsButLeaveTheBaselineFullestBucketsFirst() {
        BucketCounts c = new BucketCounts(0);
        c.add(1, "a");
        for (String s : List.of("a", "b", "c")) {
            c.add(5, s);
        }
        c.add(6, "a");
        c.add(6, "b");
        c.markEpisode(4, 6, 4);
        assertEquals(6, c.total());
        assertEquals(2, c.cleanTotal(), "bucket 5's three and one of bucket 6's two are marked");
        BucketCounts.Recent r = c.recent(0, 6);
        assertEquals(6, r.count());
        assertEquals(2, r.clean());
        assertEquals(2.0, r.cleanSquares(), 1e-12);
        assertEquals(2.0, c.cleanSquares(), 1e-12);
        c.markEpisode(4, 6, 5);
        assertEquals(1, c.cleanTotal(), "never more than a bucket holds");
        c.prune(2);
        assertEquals(5, c.total());
        assertEquals(0, c.cleanTotal());
    }

    @Test
    void afterARestartTheEnterpriseStaysSilentForACategoryAnnouncedWithinTheHour() {
        List<RiskyItem> past = List.of(
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "a", T0.minus(Duration.ofMinutes(20))),
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "b", T0.minus(Duration.ofMinutes(10))),
                new RiskyItem(FIRM, List.of(RiskCategory.FRAUD), "c", T0.minus(Duration.ofMinutes(5))));
        EscalationEvent.Firing announced = new EscalationEvent.Firing(FIRM, RiskCategory.FRAUD, 3, 0.01, 1e-7, 3,
                Duration.ofMinutes(15), T0.minus(Duration.ofMinutes(20)), T0.minus(Duration.ofMinutes(4)));
        detector.restore(past, List.of(announced));

        assertEquals(List.of(), advanceAndTick(Duration.ofMinutes(5)), "the fraud story was announced already");
        assertTrue(detector.firing().contains(EscalationKey.overall(FIRM)), "the enterprise escalates, silently");
        assertTrue(detector.firing().contains(new EscalationKey(FIRM, RiskCategory.FRAUD)));
    }

    @Test
    void clusteredTailIsPoissonWithoutCopiesAndHeavierWithThem() {
        assertEquals(Poisson.upperTail(3, 0.2), Poisson.clusteredUpperTail(3, 0.2, 0), 1e-15);
        // Stories at 0.1 per window, each copied with probability 1: N is twice a Poisson(0.1) count.
        double mu = 0.1;
        double pAtLeast3 = 1 - Math.exp(-mu) * (1 + mu); // at least two stories
        assertEquals(pAtLeast3, Poisson.clusteredUpperTail(3, 2 * mu, 1.0), 1e-12);
        assertTrue(Poisson.clusteredUpperTail(3, 0.05, 0.2) > 10 * Poisson.upperTail(3, 0.05),
                "copies make three items far likelier near zero");
        double sum = 0;
        for (int k = 0; k < 40; k++) {
            sum += Poisson.clusteredUpperTail(k, 3.0, 0.3) - Poisson.clusteredUpperTail(k + 1, 3.0, 0.3);
        }
        assertEquals(1.0, sum, 1e-9, "point masses add up to one");
    }

    @Test
    void repostShareFindsTheCopiesInAClumpyStreamAndNoneInAnEvenOne() {
        RepostShare clumpy = new RepostShare();
        RepostShare even = new RepostShare();
        for (int i = 0; i < 5000; i++) {
            // Every fourth item follows another within the hour, where chance alone would give one in fifty.
            clumpy.observe(i % 4 == 0, 0.02);
            even.observe(i % 50 == 0, 0.02);
        }
        double share = 0.25 - 0.02;
        assertEquals(share / (1 - share), clumpy.copiesPerStory(), 0.02);
        assertEquals(0.0, even.copiesPerStory(), 0.005);
    }

    @Test
    void poissonTailMatchesKnownValues() {
        assertEquals(1.0, Poisson.upperTail(0, 2.0));
        assertEquals(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), Poisson.upperTail(3, 0.5), 1e-12);
        assertEquals(1 - Math.exp(-4) * (1 + 4 + 8), Poisson.upperTail(3, 4.0), 1e-12);
        double far = Poisson.upperTail(20, 0.01);
        assertTrue(far > 0 && far < 1e-50, "tiny tails stay positive: " + far);
    }
}
