package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Help text reaches Markdown and troff unchanged in meaning: special characters escaped. */
class RenderingTest {

    @Test
    void troffEscapes() {
        assertEquals("\\-\\-dry\\-run=client", ManPages.escape("--dry-run=client"));
        assertEquals("C:\\ePATH", ManPages.escape("C:\\PATH"));
        assertEquals("caf\\[u00E9]", ManPages.escape("café"));
        assertEquals("\\&.hidden line", ManPages.verbatim(".hidden line"));
        assertEquals("\\&'quoted", ManPages.text("'quoted"));
        assertEquals(
                "runs \\fBovs\\-appctl ofproto/trace\\fR there",
                ManPages.text("runs `ovs-appctl ofproto/trace` there"));
    }

    @Test
    void markdownEscapes() {
        assertEquals("POOL\\_V6 \\| \\<none\\>", MarkdownPages.cell("POOL_V6 | <none>"));
        assertEquals(
                "runs `ovs-appctl ofproto/trace *` there",
                MarkdownPages.inline("runs `ovs-appctl ofproto/trace *` there"));
        assertEquals("a \\* b \\[x\\]", MarkdownPages.inline("a * b [x]"));
    }

    @Test
    void fishQuotes() {
        assertEquals("'the context\\'s namespace, C:\\\\'", FishCompletion.quote("the context's namespace, C:\\"));
    }
}
