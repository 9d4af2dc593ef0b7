package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The --pop_capability rules of spec §3.4, including the STLS-first cases of bug B7. */
class Pop3CapabilitiesTest {

    @Test
    void dotSeparatesWhenPresent() {
        assertThat(Pop3Capabilities.items("UIDL.USER.TOP", false)).containsExactly("UIDL", "USER", "TOP", "SASL PLAIN");
    }

    @Test
    void twoSpacesSeparateOtherwiseAndSingleSpacesStayInsideAnItem() {
        assertThat(Pop3Capabilities.items("TOP  RESP-CODES  EXPIRE 30", false))
                .containsExactly("TOP", "RESP-CODES", "EXPIRE 30", "SASL PLAIN");
    }

    @Test
    void emptyItemsAreSkipped() {
        assertThat(Pop3Capabilities.items("..UIDL..USER.", false)).containsExactly("UIDL", "USER", "SASL PLAIN");
    }

    @Test
    void stlsIsAddedOnceWhenOffered() {
        assertThat(Pop3Capabilities.items("UIDL.USER", true)).containsExactly("UIDL", "USER", "STLS", "SASL PLAIN");
        assertThat(Pop3Capabilities.items("UIDL.STLS.USER", true)).containsExactly("UIDL", "STLS", "USER", "SASL PLAIN");
        assertThat(Pop3Capabilities.items("STLS.UIDL", true)).containsExactly("STLS", "UIDL", "SASL PLAIN");
    }

    @Test
    void stlsIsRemovedWhereverItStandsWhenNotOffered() {
        assertThat(Pop3Capabilities.items("STLS.UIDL", false)).containsExactly("UIDL", "SASL PLAIN");
        assertThat(Pop3Capabilities.items("UIDL.stls", false)).containsExactly("UIDL", "SASL PLAIN");
        assertThat(Pop3Capabilities.items("STLS", false)).containsExactly("SASL PLAIN");
    }

    @Test
    void configuredSaslItemIsNotDoubled() {
        assertThat(Pop3Capabilities.items("USER.SASL PLAIN LOGIN", false)).containsExactly("USER", "SASL PLAIN LOGIN");
    }

    @Test
    void replyIsAMultiLineResponse() {
        assertThat(Pop3Capabilities.reply("UIDL", false))
                .isEqualTo("+OK Capability list follows, mate\r\nUIDL\r\nSASL PLAIN\r\n.\r\n");
    }
}
