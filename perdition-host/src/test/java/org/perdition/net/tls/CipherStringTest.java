package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenSSL cipher strings (ciphers(1)) evaluated over each engine's suites. */
class CipherStringTest {

    static Stream<SslProvider> engines() {
        List<SslProvider> engines = new ArrayList<>(List.of(SslProvider.JDK));
        if (OpenSsl.isAvailable()) {
            engines.add(SslProvider.OPENSSL);
        }
        return engines.stream();
    }

    /** The TLS 1.2-and-older part of the result (TLS 1.3 suites are always kept, first). */
    private static List<SuiteTraits> older(String cipherString, SslProvider engine) throws Exception {
        List<SuiteTraits> out = new ArrayList<>();
        for (String name : Ciphers.suites("--ssl_listen_ciphers", cipherString, engine)) {
            SuiteTraits t = SuiteTraits.parse(name);
            if (!t.tls13()) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<String> names(List<SuiteTraits> suites) {
        return suites.stream().map(SuiteTraits::name).toList();
    }

    @Test
    void suiteNamesAreParsed() {
        SuiteTraits s = SuiteTraits.parse("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(s).isEqualTo(new SuiteTraits("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", false, "kECDHE", "aRSA",
                "AESGCM256", 256, "AEAD", false, "TLSv1.2"));
        assertThat(s.strength()).isEqualTo("HIGH");
        SuiteTraits des3 = SuiteTraits.parse("SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(des3.kx()).isEqualTo("kRSA");
        assertThat(des3.mac()).isEqualTo("SHA1");
        assertThat(des3.strength()).isEqualTo("MEDIUM");
        assertThat(des3.minVersion()).isEqualTo("SSLv3");
        assertThat(SuiteTraits.parse("TLS_DH_anon_WITH_AES_128_CBC_SHA256").auth()).isEqualTo("aNULL");
        assertThat(SuiteTraits.parse("TLS_DH_anon_WITH_AES_128_CBC_SHA256").kx()).isEqualTo("kDHE");
        assertThat(SuiteTraits.parse("TLS_RSA_WITH_NULL_SHA256").strength()).isEqualTo("NULL");
        assertThat(SuiteTraits.parse("SSL_RSA_EXPORT_WITH_RC4_40_MD5").strength()).isEqualTo("EXPORT");
        assertThat(SuiteTraits.parse("SSL_DHE_RSA_WITH_DES_CBC_SHA").strength()).isEqualTo("LOW");
        assertThat(SuiteTraits.parse("TLS_AES_128_GCM_SHA256").tls13()).isTrue();
        assertThat(SuiteTraits.parse("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).isNull();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void highWithoutAnonAndMd5(SslProvider engine) throws Exception {
        List<SuiteTraits> suites = older("HIGH:!aNULL:!MD5", engine);
        assertThat(names(suites)).contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(suites).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo("HIGH");
            assertThat(s.auth()).isNotEqualTo("aNULL");
            assertThat(s.mac()).isNotEqualTo("MD5");
        });
    }

    @ParameterizedTest
    @MethodSource("engines")
    void andCombinesAliases(SslProvider engine) throws Exception {
        assertThat(older("ECDHE", engine)).isNotEmpty().allSatisfy(s -> assertThat(s.kx()).isEqualTo("kECDHE"));
        List<SuiteTraits> suites = older("ECDHE+AESGCM", engine);
        assertThat(suites).isNotEmpty().allSatisfy(s -> {
            assertThat(s.kx()).isEqualTo("kECDHE");
            assertThat(s.cipher()).startsWith("AESGCM");
        });
        assertThat(names(suites)).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void namedSuiteFirstThenDefault(SslProvider engine) throws Exception {
        // ECDHE-RSA-AES128-SHA: JDK 24+ disables the TLS_RSA_* suites, so name one every JDK has
        List<String> suites = names(older("ECDHE-RSA-AES128-SHA:DEFAULT", engine));
        assertThat(suites.get(0)).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(suites).doesNotHaveDuplicates().contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        // IANA spelling and TLS 1.3 suites always present, first
        List<String> all = Ciphers.suites("--ssl_listen_ciphers", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", engine);
        assertThat(all).endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").contains("TLS_AES_128_GCM_SHA256");
        assertThat(all.get(0)).startsWith("TLS_AES_").isNotEqualTo(all.get(all.size() - 1));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void minusMayBeReaddedBangMayNot(SslProvider engine) throws Exception {
        String gcm = "ECDHE-RSA-AES128-GCM-SHA256";
        assertThat(names(older("ECDHE+AESGCM:-" + gcm + ":" + gcm, engine)))
                .endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(names(older("ECDHE+AESGCM:!" + gcm + ":" + gcm, engine)))
                .isNotEmpty().doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void plusMovesToTheEndAndStrengthSorts(SslProvider engine) throws Exception {
        List<SuiteTraits> moved = older("ECDHE+AES:+AES128", engine);
        int firstAes128 = 0;
        while (moved.get(firstAes128).bits() != 128) {
            firstAes128++;
        }
        assertThat(moved.subList(firstAes128, moved.size())).allSatisfy(s -> assertThat(s.bits()).isEqualTo(128));
        assertThat(moved.subList(0, firstAes128)).isNotEmpty().allSatisfy(s -> assertThat(s.bits()).isEqualTo(256));
        List<SuiteTraits> sorted = older("AES128:AES256:@STRENGTH", engine);
        assertThat(sorted.get(0).bits()).isEqualTo(256);
        assertThat(sorted.get(sorted.size() - 1).bits()).isEqualTo(128);
        assertThat(older("ECDHE+AESGCM:@SECLEVEL=2", engine)).isEqualTo(older("ECDHE+AESGCM", engine));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void debianSampleLoadsAndUnknownElementsAreIgnored(SslProvider engine) throws Exception {
        List<SuiteTraits> suites = older("ALL:!ADH:RC4+RSA:+SSLv2:@STRENGTH", engine);
        assertThat(suites).isNotEmpty().allSatisfy(s -> assertThat(s.bits()).isPositive());
        assertThat(suites).noneMatch(s -> s.kx().equals("kDHE") && s.auth().equals("aNULL"));
        assertThat(older("xyz:ECDHE+AESGCM,SSLv2 eNULL+kRSA+SEED", engine)).isEqualTo(older("ECDHE+AESGCM", engine));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void emptyResultIsAStartUpErrorNamingTheOption(SslProvider engine) {
        assertThatThrownBy(() -> Ciphers.suites("--ssl_listen_ciphers", "xyz", engine))
                .isInstanceOf(TlsConfigException.class)
                .hasMessage("--ssl_listen_ciphers 'xyz': no cipher suite matches");
        assertThatThrownBy(() -> Ciphers.suites("--ssl_outgoing_ciphers", "AESGCM:!AES", engine))
                .hasMessage("--ssl_outgoing_ciphers 'AESGCM:!AES': no cipher suite matches");
    }

    @Test
    void jdkAliasesSelectWhatTheyName() throws Exception {
        assertThat(older("ALL", SslProvider.JDK)).noneMatch(s -> s.bits() == 0);
        if (Runtime.version().feature() < 24) {
            assertThat(older("kRSA+AES256+SHA256", SslProvider.JDK)).extracting(SuiteTraits::name)
                    .containsExactly("TLS_RSA_WITH_AES_256_CBC_SHA256");
        } else {
            // JDK 24 disabled RSA key exchange (jdk.tls.disabledAlgorithms "TLS_RSA_*"): nothing matches
            assertThatThrownBy(() -> older("kRSA+AES256+SHA256", SslProvider.JDK))
                    .hasMessageContaining("no cipher suite matches");
        }
        assertThat(older("DHE+aRSA+AESGCM", SslProvider.JDK)).extracting(SuiteTraits::name)
                .contains("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256").allMatch(n -> n.startsWith("TLS_DHE_RSA_"));
        assertThat(older("TLSv1.2+aECDSA", SslProvider.JDK))
                .allSatisfy(s -> assertThat(s.minVersion()).isEqualTo("TLSv1.2"));
        assertThat(older("SHA1+ECDSA", SslProvider.JDK)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.mac()).isEqualTo("SHA1"));
    }
}
