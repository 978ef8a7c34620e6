package io.ipamctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exit codes are written once (ExitCode.TABLE); the README's table lists the same codes in the same order. */
class ExitCodeTest {

    @Test
    void readmeListsTheDocumentedCodes() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("### Exit codes");
        String section = readme.substring(at, readme.indexOf("\n#", at + 1));
        Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section);
        List<Integer> codes = new java.util.ArrayList<>();
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(ExitCode.TABLE.stream().map(ExitCode.Meaning::code).toList(), codes);
    }
}
