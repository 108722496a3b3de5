package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReducedTextTest {

    @Test
    void append_whitespaceRuns_becomeOneSpaceOrOneNewline() {
        ReducedText text = new ReducedText(1_000);
        text.append("\n\t  alpha \t beta\r\n\r\n\n gamma\u00a0\u2003delta \u0000 epsilon  \n ");

        assertThat(text.toString()).isEqualTo("alpha beta\ngamma delta epsilon");
        assertThat(text.full()).isFalse();
    }

    @Test
    void append_pastTheCap_keepsExactlyWhatFitsAndReportsFull() {
        ReducedText text = new ReducedText(10);

        assertThat(text.append("abcdefgh")).isTrue();
        assertThat(text.append("ijkl")).isFalse();

        assertThat(text.toString()).isEqualTo("abcdefghij");
        assertThat(text.full()).isTrue();
        assertThat(text.append("more")).isFalse();
        assertThat(text.toString()).isEqualTo("abcdefghij");
    }

    @Test
    void append_separatorThatWouldEndTheText_isNotWritten() {
        ReducedText text = new ReducedText(5);
        text.append("abcde fgh");

        assertThat(text.toString()).isEqualTo("abcde");
        assertThat(text.full()).isTrue();
    }

    @Test
    void append_multiByteCharacters_countedInUtf8Bytes() {
        ReducedText text = new ReducedText(7);
        text.append("日本語"); // 9 bytes

        assertThat(text.toString()).isEqualTo("日本");
        assertThat(text.bytes()).isEqualTo(6);
    }

    @Test
    void append_surrogatePairAtTheCap_neverSplit() {
        String emoji = "\uD83D\uDE00"; // 4 bytes in UTF-8
        ReducedText text = new ReducedText(6);
        text.append("ab" + emoji + emoji);

        assertThat(text.toString()).isEqualTo("ab" + emoji);
        assertThat(text.toString().getBytes(StandardCharsets.UTF_8)).hasSize(6);
    }
}
