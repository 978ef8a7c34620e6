package io.ipamctl.ipam;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** How full a set of addresses is: used of total, free, the percentage rounded to 0.1, and exact threshold tests. */
public record Fill(BigInteger total, long used) {

    public BigInteger free() {
        return total.subtract(BigInteger.valueOf(used)).max(BigInteger.ZERO);
    }

    /** 100 when something is used of nothing, else used / total rounded half up to one decimal. */
    public double percent() {
        return total.signum() == 0 ? (used > 0 ? 100.0 : 0.0)
                : new BigDecimal(BigInteger.valueOf(used)).multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal(total), 1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Exact comparison (used / total &gt;= threshold %), not of the rounded percentage. */
    public boolean atOrAbove(double thresholdPercent) {
        if (total.signum() == 0) {
            return used > 0 || thresholdPercent <= 0;
        }
        BigDecimal usedTimes100 = BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100));
        return usedTimes100.compareTo(BigDecimal.valueOf(thresholdPercent).multiply(new BigDecimal(total))) >= 0;
    }
}
