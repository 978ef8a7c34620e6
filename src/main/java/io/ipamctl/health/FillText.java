package io.ipamctl.health;

import io.ipamctl.ipam.Fill;
import java.util.Locale;

/** How findings state a fill: "40 of 40 used (100.0%)". */
final class FillText {

    private FillText() {}

    static String of(Fill fill) {
        return fill.used() + " of " + fill.total() + " used (" + String.format(Locale.ROOT, "%.1f%%", fill.percent())
                + ")";
    }

    static boolean full(Fill fill) {
        return fill.free().signum() == 0;
    }
}
