package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ipam.Fill;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 15 #12 and #9: the one percent formatter; the figure never claims a fill --threshold does not see. */
class PercentTest {

    @ParameterizedTest(name = "{1} of {0}: {2} {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2000 | 1999 | 99.9%  | █████████░",
                "2000 | 2000 | 100.0% | ██████████",
                "40   | 3    | 7.5%   | ░░░░░░░░░░",
                "3    | 2    | 66.6%  | ██████░░░░",
                "40   | 0    | 0.0%   | ░░░░░░░░░░",
                // a pool that can hand out no address is full
                "0    | 0    | 100.0% | ██████████",
                "2    | 3    | 150.0% | ██████████",
            })
    void fillIsShownRoundedDown(long total, long used, String text, String bar) {
        Fill fill = new Fill(BigInteger.valueOf(total), used);
        assertEquals(text, Percent.of(fill));
        assertEquals(bar, Percent.bar(fill));
        // what is shown as 100.0% is at or above --threshold 100, and nothing less is
        assertEquals(text.equals("100.0%") || used > total, fill.atOrAbove(100));
    }

    @org.junit.jupiter.api.Test
    void aFillIsWrittenAsTheFormatterWritesItsPercent() {
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < 50_000; i++) {
            BigInteger total = i % 10 == 0
                    ? BigInteger.ONE.shiftLeft(random.nextInt(128)) // IPv6-sized totals too
                    : BigInteger.valueOf(random.nextInt(70_000));
            long used = random.nextInt(3) == 0 ? random.nextInt(100) : random.nextInt(80_000);
            Fill fill = new Fill(total, used);
            assertEquals(Percent.of(fill.percent()), Percent.of(fill), used + " of " + total);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"80, 80%", "7, 7%", "99.95, 99.95%", "0, 0%", "100, 100%", "0.5, 0.5%"})
    void thresholdIsShownAsGiven(double threshold, String text) {
        assertEquals(text, Percent.threshold(threshold));
    }
}
