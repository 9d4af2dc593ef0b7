package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** Spec §3.5 "Capability manipulation", with bug B7 fixed and our own additions. */
class ImapCapabilitiesTest {

    private final Settings settings = new Settings();

    @Test
    void addsWhatWeSupport() {
        assertThat(ImapCapabilities.compute(settings, false)).isEqualTo("IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+");
    }

    @Test
    void doesNotDuplicateConfiguredItems() {
        settings.imapCapability = "IMAP4rev1 auth=plain LITERAL+";
        assertThat(ImapCapabilities.compute(settings, false)).isEqualTo("IMAP4rev1 auth=plain LITERAL+ SASL-IR ID");
    }

    @Test
    void startTlsOfferedOnlyWithTlsListenBeforeTls() {
        settings.sslMode.add(SslMode.TLS_LISTEN);
        assertThat(ImapCapabilities.compute(settings, false)).endsWith(" LITERAL+ STARTTLS");
        assertThat(ImapCapabilities.compute(settings, true)).doesNotContain("STARTTLS");
    }

    /** Bug B7: perdition duplicated a first STARTTLS when adding and crashed when removing it. */
    @Test
    void startTlsAsFirstItem() {
        settings.imapCapability = "STARTTLS IMAP4rev1";
        assertThat(ImapCapabilities.compute(settings, false)).isEqualTo("IMAP4rev1 AUTH=PLAIN SASL-IR ID LITERAL+");
        settings.sslMode.add(SslMode.TLS_LISTEN);
        assertThat(ImapCapabilities.compute(settings, false))
                .isEqualTo("STARTTLS IMAP4rev1 AUTH=PLAIN SASL-IR ID LITERAL+");
    }

    @Test
    void loginDisabledUntilTls() {
        settings.loginDisabled = true;
        assertThat(ImapCapabilities.compute(settings, false)).isEqualTo("IMAP4 IMAP4REV1 SASL-IR ID LITERAL+ LOGINDISABLED");
        // As perdition: removed after STARTTLS although --login_disabled still refuses logins.
        assertThat(ImapCapabilities.compute(settings, true)).isEqualTo("IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+");
    }

    @Test
    void loginDisabledAsFirstItemIsRemovedInTls() {
        settings.imapCapability = "LOGINDISABLED IMAP4rev1";
        settings.sslMode.add(SslMode.TLS_LISTEN_FORCE);
        assertThat(ImapCapabilities.compute(settings, true)).isEqualTo("IMAP4rev1 AUTH=PLAIN SASL-IR ID LITERAL+");
        assertThat(ImapCapabilities.compute(settings, false))
                .isEqualTo("LOGINDISABLED IMAP4rev1 SASL-IR ID LITERAL+ STARTTLS");
    }

    @Test
    void untouchedLoginDisabledStaysWithoutTheOptions() {
        settings.imapCapability = "IMAP4rev1 LOGINDISABLED";
        assertThat(ImapCapabilities.compute(settings, true)).isEqualTo("IMAP4rev1 LOGINDISABLED SASL-IR ID LITERAL+");
    }

    /** The list is remembered between sessions (issue 8), but never outlives a change of the options. */
    @Test
    void rememberedListFollowsTheOptions() {
        String before = ImapCapabilities.compute(settings, false);
        settings.loginDisabled = true;
        String after = ImapCapabilities.compute(settings, false);

        assertThat(after).isEqualTo(ImapCapabilities.computeFresh(settings, false)).contains("LOGINDISABLED")
                .isNotEqualTo(before);
        settings.imapCapability = "IMAP4rev1 X-OURS";
        assertThat(ImapCapabilities.compute(settings, false)).startsWith("IMAP4rev1 X-OURS ");
        assertThat(ImapCapabilities.compute(settings, true)).isEqualTo(ImapCapabilities.computeFresh(settings, true));
    }
}
