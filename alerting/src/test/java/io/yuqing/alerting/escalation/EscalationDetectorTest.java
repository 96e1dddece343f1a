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
import static org.junit.jupiter.api.Assertions.assertNull;
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
        List<EscalationEvent> events = item(FIRM, RiskCategory.WAGE_ARREARS, "b");
        assertEquals(2, events.size(), "the enterprise and its wage-arrears category: " + events);
        EscalationEvent.Firing overall = assertInstanceOf(EscalationEvent.Firing.class, events.getFirst());
        assertEquals(FIRM, overall.enterpriseId());
        assertNull(overall.category());
        assertEquals(3, overall.count());
        assertEquals(2, overall.sources());
        assertTrue(overall.pValue() < 1e-4, "p=" + overall.pValue());
        assertTrue(overall.expected() < 0.1, "expected=" + overall.expected());
        assertEquals(T0, overall.since());
        assertEquals(T0.plus(Duration.ofMinutes(10)), overall.firedAt());
        assertEquals(RiskCategory.WAGE_ARREARS,
                assertInstanceOf(EscalationEvent.Firing.class, events.get(1)).category());

        assertEquals(List.of(), advanceAndTick(Duration.ofMinutes(15)), "fires once per episode");
        List<EscalationEvent> later = new ArrayList<>();
        for (int i = 0; i < 4 * 20; i++) {
            later.addAll(advanceAndTick(Duration.ofMinutes(15)));
        }
        assertEquals(2, later.size(), later.toString());
        EscalationEvent.Resolved resolved = assertInstanceOf(EscalationEvent.Resolved.class, later.getFirst());
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
        assertEquals(2, patient.tick().size(), "confirmed at the next evaluation");
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
        assertEquals(2, events.stream().filter(e -> e instanceof EscalationEvent.Firing).count(), events.toString());
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
        assertTrue(quiet.stream().anyMatch(e -> e instanceof EscalationEvent.Firing f && f.category() == null
                && f.enterpriseId().equals("ent-quiet")), quiet.toString());
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
