package io.ipamctl.output;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl's AGE: two or three significant figures of a duration (45s, 119s, 3m12s, 12m, 3h5m, 12h, 5d3h, 40d,
 * 2y30d, 9y), as the AGE column of every kubectl get shows it (apimachinery's HumanDuration). The one place
 * ipamctl writes an age or an uptime.
 */
public final class Age {

    /** What kubectl shows for an object without a creationTimestamp. */
    public static final String UNKNOWN = "<unknown>";

    private static final Pattern TEXT = Pattern.compile("(?:(\\d+)y)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long[] UNIT_SECONDS = {365 * 86400L, 86400L, 3600L, 60L, 1L};

    private Age() {}

    /** The age at now of what was created at created; {@link #UNKNOWN} when created is null. */
    public static String since(Instant created, Instant now) {
        return created == null ? UNKNOWN : of(Duration.between(created, now));
    }

    /** As kubectl writes it; up to a second in the future is "0s" (clocks differ a little), more is "<invalid>". */
    public static String of(Duration d) {
        // whole seconds toward zero, as Go's int(d.Seconds()): 1.5 s in the future is still "0s"
        long seconds = d.isNegative() ? -d.negated().getSeconds() : d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return both(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            return both(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return both(days, "d", hours % 24, "h");
        }
        if (hours < 24 * 365 * 2) {
            return days + "d";
        }
        if (hours < 24 * 365 * 8) {
            return both(days / 365, "y", days % 365, "d");
        }
        return days / 365 + "y";
    }

    private static String both(long big, String bigUnit, long small, String smallUnit) {
        return big + bigUnit + (small == 0 ? "" : small + smallUnit);
    }

    /** The seconds an age text stands for (the AGE column sorts by it), or null when it is no age (<unknown>). */
    static Long seconds(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (text == null || text.isEmpty() || !m.matches()) {
            return null;
        }
        long total = 0;
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            if (m.group(i + 1) != null) {
                total += Long.parseLong(m.group(i + 1)) * UNIT_SECONDS[i];
            }
        }
        return total;
    }
}
