package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.IpamctlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl's JSONPath template syntax on Jayway: ranges, literals, filters, missing keys, errors. */
class JsonPathTemplateTest {

    private static final JsonNode DOC = tree("{\"kind\": \"PoolUsageList\", \"items\": ["
            + "{\"name\": \"pool-ap\", \"source\": \"antrea\", \"used\": 3, \"ranges\": [\"a\", \"b\"]},"
            + "{\"name\": \"node-01\", \"source\": \"node\", \"used\": 4, \"ranges\": [\"c\"], \"vlan\": null}]}");

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{.kind}                                        | PoolUsageList",
                "{.items[*].name}                               | pool-ap node-01",
                "{$.items[0].used}                              | 3",
                "kind={.kind}!                                  | kind=PoolUsageList!",
                "{range .items[*]}{.name}:{.used};{end}          | pool-ap:3;node-01:4;",
                "{range .items[*]}{@.name},{end}                 | pool-ap,node-01,",
                "{.items[?(@.source==\"node\")].name}            | node-01",
                "{.items[?(@.used > 3)].name}                   | node-01",
                "{.items[0].ranges}                             | [\"a\",\"b\"]",
                "{.items[*].nothing}x                           | x",
                "{.items[1].vlan}y                              | y",
                "{.items[5].name}z                              | z"
            })
    void templates(String template, String expected) {
        assertEquals(expected, JsonPathTemplate.parse(template.strip()).execute(DOC));
    }

    @Test
    void quotedLiteralsAndEscapes() {
        assertEquals(
                "pool-ap\t3\nnode-01\t4\n",
                JsonPathTemplate.parse("{range .items[*]}{.name}{\"\\t\"}{.used}{\"\\n\"}{end}")
                        .execute(DOC));
        assertEquals("a}b", JsonPathTemplate.parse("{\"a}b\"}").execute(DOC));
    }

    @Test
    void valuesFromTheClusterCannotBreakALine() {
        assertEquals("a\\x0ab", JsonPathTemplate.parse("{.n}").execute(tree("{\"n\": \"a\\nb\"}")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{.items[*].name                    | error parsing jsonpath {.items[*].name, unclosed action",
                "{range .items[*]}{.name}           | error parsing jsonpath {range .items[*]}{.name}, {range} not closed with {end}",
                "{.name}{end}                       | error parsing jsonpath {.name}{end}, {end} without a {range}",
                "{}                                 | error parsing jsonpath {}, empty expression",
                "{.items[}                          | error parsing jsonpath {.items[}, unclosed action",
                "{.items[?(@.x==]}                  | error parsing jsonpath {.items[?(@.x==]}, invalid expression \".items[?(@.x==]\"",
                "{\"\\q\"}                          | error parsing jsonpath {\"\\q\"}, unknown escape \\q in \"\\q\""
            })
    void badTemplatesAreUsageErrors(String template, String message) {
        IpamctlException e = assertThrows(IpamctlException.class, () -> JsonPathTemplate.parse(template.strip()));
        assertEquals(2, e.exitCode());
        assertEquals(message, e.getMessage());
    }
}
