package io.yuqing.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An enterprise's risk over the last days as inline SVG, drawn on the server: bars for alerts per day, a line for
 * the day's score sum (own scale). No script and no chart library, so it renders on any office browser.
 */
final class RiskChart {
    static final int DAYS = 30;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int PAD_LEFT = 32;
    private static final int PAD_BOTTOM = 22;
    private static final int PAD_TOP = 10;

    /** One day: its date, how many alerts, the sum of their scores, and the enterprise's risk index (0–100) that day. */
    record Day(LocalDate date, int alerts, long scoreSum, double riskIndex) {
    }

    private RiskChart() {
    }

    /** The last {@link #DAYS} days up to and including {@code today}, oldest first, with the alerts counted in. */
    static List<Day> days(List<Map.Entry<Instant, Integer>> alerts, LocalDate today, ZoneId zone,
                          io.yuqing.core.config.ScoringConfig.LevelThresholds levels) {
        int[] counts = new int[DAYS];
        long[] sums = new long[DAYS];
        LocalDate first = today.minusDays(DAYS - 1);
        for (Map.Entry<Instant, Integer> a : alerts) {
            long index = java.time.temporal.ChronoUnit.DAYS.between(first, a.getKey().atZone(zone).toLocalDate());
            if (index >= 0 && index < DAYS) {
                counts[(int) index]++;
                sums[(int) index] += a.getValue();
            }
        }
        // The risk index decays each alert over days, so alerts from before the window still count at its start.
        List<io.yuqing.indexer.risk.RiskIndex.Item> items = alerts.stream()
                .map(a -> new io.yuqing.indexer.risk.RiskIndex.Item(a.getKey(), a.getValue(), levels.levelFor(a.getValue()))).toList();
        List<io.yuqing.indexer.risk.RiskIndex.DailyValue> index = io.yuqing.indexer.risk.RiskIndex.defaults()
                .dailySeries(items, first, today, zone);
        return java.util.stream.IntStream.range(0, DAYS)
                .mapToObj(i -> new Day(first.plusDays(i), counts[i], sums[i], index.get(i).value())).toList();
    }

    /** The chart as an {@code <svg>} element; titles on bars give exact figures on hover and to screen readers. */
    static String svg(List<Day> days, String alertsLabel, String scoreLabel) {
        int maxCount = Math.max(1, days.stream().mapToInt(Day::alerts).max().orElse(1));
        double plotW = WIDTH - PAD_LEFT - 8;
        double plotH = HEIGHT - PAD_TOP - PAD_BOTTOM;
        double slot = plotW / days.size();
        StringBuilder b = new StringBuilder("<svg class=\"risk-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(io.yuqing.core.text.Html.escape(alertsLabel)).append("\">");
        double baseY = PAD_TOP + plotH;
        b.append("<line x1=\"").append(PAD_LEFT).append("\" y1=\"").append(fmt(baseY)).append("\" x2=\"").append(WIDTH - 8)
                .append("\" y2=\"").append(fmt(baseY)).append("\" stroke=\"#9ca3af\"/>");
        b.append("<text x=\"").append(PAD_LEFT - 4).append("\" y=\"").append(PAD_TOP + 10).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">")
                .append(maxCount).append("</text>");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            double x = PAD_LEFT + i * slot;
            double h = plotH * d.alerts() / maxCount;
            String title = "<title>" + d.date() + " " + io.yuqing.core.text.Html.escape(alertsLabel) + " " + d.alerts() + " · " + io.yuqing.core.text.Html.escape(scoreLabel) + " " + Math.round(d.riskIndex()) + "</title>";
            b.append("<rect class=\"bar\" x=\"").append(fmt(x + slot * 0.15)).append("\" y=\"").append(fmt(baseY - h))
                    .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(h))
                    .append("\" fill=\"#5b8def\">").append(title).append("</rect>");
            double sy = baseY - plotH * d.riskIndex() / 100.0;
            line.append(line.isEmpty() ? "" : " ").append(fmt(x + slot / 2)).append(',').append(fmt(sy));
            if (i % 5 == 0 || i == days.size() - 1) {
                b.append("<text x=\"").append(fmt(x + slot / 2)).append("\" y=\"").append(HEIGHT - 6)
                        .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#6b7280\">")
                        .append(String.format(Locale.ROOT, "%02d-%02d", d.date().getMonthValue(), d.date().getDayOfMonth())).append("</text>");
            }
        }
        b.append("<polyline points=\"").append(line).append("\" fill=\"none\" stroke=\"#d62c2c\" stroke-width=\"2\"/>");
        return b.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
