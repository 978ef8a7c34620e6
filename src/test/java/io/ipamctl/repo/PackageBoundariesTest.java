package io.ipamctl.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import io.ipamctl.commands.IpamctlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The layers stay as the README describes them: the output layer renders results, never API-layer
 * types; the trace model and the OVS parsers are pure; and services word their messages without the
 * CLI's flags, which only commands know (they add the hints).
 */
class PackageBoundariesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "ipamctl");

    /**
     * Files whose messages still name flags, from before services threw typed errors (issue 19): the
     * list only shrinks.
     */
    private static final Set<String> NOT_YET_CONVERTED = Set.of(
            "kube/KubeConnector.java",
            "kube/Kubeconfigs.java",
            "kube/KubeErrors.java",
            "kube/NamespaceBinding.java",
            "kube/PodPinning.java",
            "ipam/ConsistencyCheck.java",
            "ipam/PoolValidator.java",
            "ipam/AntreaIpPools.java",
            "ipam/PoolNames.java",
            "ipam/WhereaboutsPools.java");

    @Test
    void outputRendersResultsNotApiTypes() {
        assertEquals(List.of(), imports("output", "io.fabric8", "io.ipamctl.kube"));
    }

    @Test
    void theTraceModelAndTheOvsParsersArePure() {
        List<String> hits = new ArrayList<>(imports(
                "trace",
                "io.fabric8",
                "io.ipamctl.kube",
                "io.ipamctl.commands",
                "io.ipamctl.output",
                "io.ipamctl.sandbox"));
        hits.addAll(imports(
                "ovs",
                "io.fabric8",
                "io.ipamctl.kube",
                "io.ipamctl.commands",
                "io.ipamctl.output",
                "io.ipamctl.trace",
                "io.ipamctl.sandbox"));
        assertEquals(List.of(), hits);
    }

    @Test
    void servicesNameNoCliFlag() {
        Set<String> flags = flags();
        assertTrue(flags.contains("--antrea-namespace") && flags.contains("-n"), flags.toString());
        List<Pattern> patterns = flags.stream()
                .map(f -> Pattern.compile("(?<![\\w-])" + Pattern.quote(f) + "(?![\\w-])"))
                .toList();
        List<String> hits = new ArrayList<>();
        for (String pkg : List.of("trace", "ovs", "kube", "ipam")) {
            for (Path file : javaFiles(pkg)) {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                if (NOT_YET_CONVERTED.contains(relative)) {
                    continue;
                }
                List<String> lines = lines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue; // a comment quoting what a command adds is no message
                    }
                    Matcher literal =
                            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"").matcher(lines.get(i));
                    while (literal.find()) {
                        String text = literal.group();
                        for (Pattern p : patterns) {
                            if (p.matcher(text).find()) {
                                hits.add(relative + ":" + (i + 1) + ": " + text);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }

    /** Every option of every ipamctl command, long and short. */
    private static Set<String> flags() {
        Set<String> names = new TreeSet<>();
        PrintWriter none = new PrintWriter(new StringWriter());
        collect(
                Ipamctl.commandLine(new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), none, none)),
                names);
        return names;
    }

    private static void collect(CommandLine cl, Set<String> names) {
        cl.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        cl.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    private static List<String> imports(String pkg, String... banned) {
        List<String> hits = new ArrayList<>();
        for (Path file : javaFiles(pkg)) {
            for (String line : lines(file)) {
                for (String b : banned) {
                    if (line.startsWith("import " + b + ".") || line.startsWith("import static " + b + ".")) {
                        hits.add(MAIN.relativize(file) + ": " + line);
                    }
                }
            }
        }
        return hits;
    }

    private static List<Path> javaFiles(String pkg) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
