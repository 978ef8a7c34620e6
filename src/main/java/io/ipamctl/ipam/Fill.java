package io.ipamctl.ipam;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * How full a set of addresses is: used of total, free, the percentage and exact threshold tests.
 * A set that can hand out no address at all (total 0) is full: 100% and at or above every
 * threshold, so a CI gate never passes on a pool that cannot give a Pod an address.
 */
public record Fill(BigInteger total, long used) {

    public BigInteger free() {
        return total.subtract(BigInteger.valueOf(used)).max(BigInteger.ZERO);
    }

    /** True when not a single address can be handed out, however many are used. */
    public boolean noCapacity() {
        return total.signum() <= 0;
    }

    /**
     * used / total in percent, rounded DOWN to one decimal (1,999 of 2,000 is 99.9, never 100.0), so the
     * figure shown never claims a fill that {@link #atOrAbove} does not see; 100 when total is 0.
     */
    public double percent() {
        return tenths().doubleValue();
    }

    /** {@link #percent()} as a decimal of scale 1 ("99.9", "100.0"): written out without a formatter. */
    public BigDecimal tenths() {
        return noCapacity()
                ? new BigDecimal("100.0")
                : new BigDecimal(BigInteger.valueOf(used))
                        .multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal(total), 1, RoundingMode.DOWN);
    }

    /** Exact comparison (used / total &gt;= threshold %), not of the rounded percentage; always true when total is 0. */
    public boolean atOrAbove(double thresholdPercent) {
        if (noCapacity()) {
            return true;
        }
        BigDecimal usedTimes100 = BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100));
        return usedTimes100.compareTo(BigDecimal.valueOf(thresholdPercent).multiply(new BigDecimal(total))) >= 0;
    }
}
