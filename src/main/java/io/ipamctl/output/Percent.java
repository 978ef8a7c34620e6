package io.ipamctl.output;

import io.ipamctl.ipam.Fill;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The one way every view writes a percentage. A fill is shown rounded down to 0.1 (see
 * {@link Fill#percent()}), so 1,999 of 2,000 reads 99.9%, never a 100.0% that --threshold 100 would
 * not see; a pool with no usable address reads 100.0%. A threshold is shown as the user gave it.
 */
public final class Percent {

    private Percent() {}

    /** "7.5%", "99.9%", "100.0%". */
    public static String of(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** The same text as {@code of(fill.percent())}, without String.format (once per row of a 500-pool table). */
    public static String of(Fill fill) {
        return fill.tenths().toPlainString() + "%";
    }

    /** A threshold as given: 80 → "80%", 99.95 → "99.95%". */
    public static String threshold(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }

    /** A ten-cell bar, filled by whole tenths (rounded down like the figure beside it). */
    public static String bar(Fill fill) {
        int filled = (int) Math.max(0, Math.min(10, Math.floor(fill.percent() / 10.0)));
        return "█".repeat(filled) + "░".repeat(10 - filled);
    }
}
