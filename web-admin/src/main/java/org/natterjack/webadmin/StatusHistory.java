package org.natterjack.webadmin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;
import org.natterjack.admin.AdminApi;

/**
 * Registrations and anchored calls sampled once a minute over the last 24 hours, for the dashboard's
 * charts. In memory: a restart starts a new history.
 */
public final class StatusHistory {

    /** One sample. */
    public record Sample(Instant at, int registrations, int calls) {
    }

    /** A chart's line as SVG polyline points in a {@code WIDTH} x {@code HEIGHT} box, and its peak. */
    public record Line(String points, int max) {
    }

    public static final Duration SPAN = Duration.ofHours(24);
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int WIDTH = 600;
    static final int HEIGHT = 100;

    private final AdminApi admin;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public StatusHistory(AdminApi admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Takes a sample now; for a job every {@link #INTERVAL}. */
    public void sample() {
        add(new Sample(clock.instant(), admin.status().registrations(), admin.calls().list().size()));
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        Instant oldest = sample.at().minus(SPAN);
        while (samples.getFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public Line registrations() {
        return line(Sample::registrations);
    }

    public Line calls() {
        return line(Sample::calls);
    }

    /** Time runs left to right over the last 24 h; the peak reaches the top (at least 1, so zero stays flat). */
    private Line line(ToIntFunction<Sample> value) {
        List<Sample> all = samples();
        int max = Math.max(1, all.stream().mapToInt(value).max().orElse(0));
        Instant start = clock.instant().minus(SPAN);
        StringBuilder points = new StringBuilder();
        for (Sample s : all) {
            double x = Duration.between(start, s.at()).toMillis() * (double) WIDTH / SPAN.toMillis();
            double y = HEIGHT - value.applyAsInt(s) * (double) HEIGHT / max;
            points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new Line(points.toString().trim(), max);
    }
}
