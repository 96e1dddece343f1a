package io.yuqing.alerting.digest;

import io.yuqing.core.model.RiskLevel;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws the digest's trend as a PNG: stacked bars of alerts per day by level. A PNG because mail clients show it
 * inline where they would not show SVG; labels are ASCII (dates, counts) so no CJK font is needed on the server.
 */
public final class TrendChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final List<RiskLevel> STACK = List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private TrendChart() {
    }

    public static byte[] png(List<DailyDigest.DayCount> days) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int left = 40;
            int right = 10;
            int top = 12;
            int bottom = 30;
            int plotHeight = HEIGHT - top - bottom;
            long max = Math.max(1, days.stream().mapToLong(DailyDigest.DayCount::total).max().orElse(1));
            long step = niceStep(max);
            long axisMax = ((max + step - 1) / step) * step;
            g.setStroke(new BasicStroke(1f));
            boolean text = canDrawText(g);
            for (long v = 0; v <= axisMax; v += step) {
                int y = top + plotHeight - (int) Math.round(plotHeight * (double) v / axisMax);
                g.setColor(new Color(0xE5, 0xE7, 0xEB));
                g.drawLine(left, y, WIDTH - right, y);
                if (text) {
                    g.setColor(new Color(0x6B, 0x72, 0x80));
                    g.drawString(Long.toString(v), 6, y + 4);
                }
            }
            int n = Math.max(1, days.size());
            double slot = (WIDTH - left - right) / (double) n;
            int barWidth = (int) Math.max(4, slot * 0.6);
            for (int i = 0; i < days.size(); i++) {
                DailyDigest.DayCount day = days.get(i);
                int x = left + (int) Math.round(i * slot + (slot - barWidth) / 2);
                int y = top + plotHeight;
                for (RiskLevel level : STACK) {
                    long count = day.byLevel().getOrDefault(level, 0L);
                    int h = (int) Math.round(plotHeight * (double) count / axisMax);
                    g.setColor(colour(level));
                    g.fillRect(x, y - h, barWidth, h);
                    y -= h;
                }
                if (text && (days.size() <= 16 || i % 2 == days.size() % 2)) {
                    g.setColor(new Color(0x37, 0x41, 0x51));
                    g.drawString(DAY.format(day.day()), x - 4, HEIGHT - 10);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Headless servers without any font still draw the bars; only the labels are left out. */
    private static boolean canDrawText(Graphics2D g) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.getFontMetrics().stringWidth("0");
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    static long niceStep(long max) {
        for (long step : new long[]{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            if (max / step <= 5) {
                return step;
            }
        }
        return Math.max(1, max / 5);
    }

    static Color colour(RiskLevel level) {
        return switch (level) {
            case RED -> new Color(0xD6, 0x2C, 0x2C);
            case ORANGE -> new Color(0xE8, 0x69, 0x0B);
            case YELLOW -> new Color(0xD9, 0xA4, 0x00);
            case BLUE -> new Color(0x1E, 0x6F, 0xD9);
            case NONE -> Color.GRAY;
        };
    }
}
