package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 name matching, table-driven ("|" separates several names in a cell). */
class HostnameCheckTest {

    private static List<String> list(String cell) {
        return cell == null ? List.of() : Arrays.asList(cell.split("\\|"));
    }

    @ParameterizedTest(name = "{0} vs DNS={1} IP={2} CN={3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "mail.example.org;  mail.example.org;      -;           -;                true",
        "MAIL.Example.ORG;  mail.example.org;      -;           -;                true",  // case-insensitive
        "mail.example.org;  MAIL.EXAMPLE.ORG.;     -;           -;                true",  // trailing dot
        "mail.example.org;  *.example.org;         -;           -;                true",
        "a.b.example.org;   *.example.org;         -;           -;                false", // one label only
        "example.org;       *.example.org;         -;           -;                false",
        "mail.example.org;  m*.example.org;        -;           -;                false", // partial label
        "mail.example.org;  mail.*.org;            -;           -;                false", // not left-most
        "example.org;       *.org;                 -;           -;                false", // too broad
        "mail.example.org;  other.example.org;     -;           mail.example.org; false", // CN ignored: DNS SAN present
        "mail.example.org;  -;                     -;           mail.example.org; true",  // CN fallback
        "mail.example.org;  -;                     -;           *.example.org;    true",
        "mail.example.org;  other.org|mail.example.org; -;      -;                true",
        "127.0.0.1;         localhost;             127.0.0.1;   -;                true",
        "127.0.0.1;         127.0.0.1;             -;           127.0.0.1;        false", // IP only vs IP SAN
        "10.0.0.1;          -;                     127.0.0.1;   -;                false",
        "::1;               -;                     0:0:0:0:0:0:0:1; -;            true",
        "[::1];             -;                     0:0:0:0:0:0:0:1; -;            true",
        "localhost;         -;                     127.0.0.1;   -;                false",
    })
    void table(String host, String dns, String ips, String cns, boolean expected) {
        assertThat(HostnameCheck.matches(host, list(dns), list(ips), list(cns))).isEqualTo(expected);
    }

    @Test
    void verifyReadsTheCertificate() throws Exception {
        TestPki.Issued root = TestPki.ca("Root", null);
        TestPki.Issued leaf = TestPki.server("ignored.example.org", root, "DNS:localhost", "IP:127.0.0.1");
        HostnameCheck.verify(leaf.cert(), "LOCALHOST");
        HostnameCheck.verify(leaf.cert(), "127.0.0.1");
        assertThatThrownBy(() -> HostnameCheck.verify(leaf.cert(), "ignored.example.org"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not match host ignored.example.org");
        TestPki.Issued cnOnly = TestPki.server("Mail.Example.Org", root);
        HostnameCheck.verify(cnOnly.cert(), "mail.example.org");
    }
}
