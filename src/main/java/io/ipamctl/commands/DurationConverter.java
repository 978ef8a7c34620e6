package io.ipamctl.commands;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Go-style durations as kubectl takes them: 500ms, 30s, 2m, 1h30m, or a bare number of seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher m = PART.matcher(value);
        Duration d = Duration.ZERO;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
            pos = m.end();
        }
        if (pos == 0 || pos != value.length()) {
            throw new ValueForms.Invalid(value, "a duration such as 500ms, 30s, 2m or 1h");
        }
        return d;
    }
}
