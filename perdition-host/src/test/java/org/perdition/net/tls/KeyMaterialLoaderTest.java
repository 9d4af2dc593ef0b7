package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.config.Settings;

/** Every key form OpenSSL writes, made by the openssl command line. */
class KeyMaterialLoaderTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        Openssl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pkcs8.pem");
        Openssl.run(dir, "req", "-x509", "-new", "-key", "pkcs8.pem", "-subj", "/CN=localhost", "-days", "30",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-out", "rsa.crt");
        Openssl.run(dir, "rsa", "-in", "pkcs8.pem", "-traditional", "-out", "pkcs1.pem");
        Openssl.run(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "pkcs8.pem", "-passout", "pass:s3cret",
                "-out", "enc-pkcs8.pem");
        Openssl.run(dir, "rsa", "-in", "pkcs8.pem", "-aes256", "-traditional", "-passout", "pass:s3cret",
                "-out", "legacy.pem");
        Openssl.run(dir, "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec.pem");
        Openssl.run(dir, "req", "-x509", "-new", "-key", "ec.pem", "-subj", "/CN=localhost", "-days", "30",
                "-out", "ec.crt");
        Files.writeString(dir.resolve("combined.pem"),
                Files.readString(dir.resolve("rsa.crt")) + Files.readString(dir.resolve("pkcs1.pem")));
        Files.writeString(dir.resolve("pass.txt"), "s3cret\nsecond line is ignored\n");
        Files.writeString(dir.resolve("wrong-pass.txt"), "not-it\n");
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs8.pem", "pkcs1.pem", "enc-pkcs8.pem", "legacy.pem"})
    void everyRsaFormLoadsAndMatchesItsCertificate(String keyFile) throws Exception {
        KeyMaterial material = KeyMaterialLoader.load(f("rsa.crt"), f(keyFile), PassphraseSource.of("s3cret"));
        assertThat(material.key().getAlgorithm()).isEqualTo("RSA");
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void ecPrivateKeyLoads() throws Exception {
        KeyMaterial material = KeyMaterialLoader.load(f("ec.crt"), f("ec.pem"), PassphraseSource.of(null));
        assertThat(material.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void unencryptedKeyNeverAsksForAPassphrase() throws Exception {
        PassphraseSource refuses = () -> {
            throw new AssertionError("passphrase asked for an unencrypted key");
        };
        assertThat(KeyMaterialLoader.load(f("rsa.crt"), f("pkcs1.pem"), refuses).chain()).hasSize(1);
    }

    @Test
    void keyInTheCertificateFile() throws Exception {
        KeyMaterial material = KeyMaterialLoader.load(f("combined.pem"), f("combined.pem"), PassphraseSource.of(null));
        assertThat(material.chain()).hasSize(1);
        // a key file holding no key: the key is looked for in the certificate file too
        KeyMaterial fallback = KeyMaterialLoader.load(f("combined.pem"), f("ec.crt"), PassphraseSource.of(null));
        assertThat(fallback.key().getAlgorithm()).isEqualTo("RSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enc-pkcs8.pem", "legacy.pem"})
    void wrongPassphraseIsNamed(String keyFile) {
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("rsa.crt"), f(keyFile), PassphraseSource.of("nope")))
                .isInstanceOf(TlsConfigException.class)
                .hasMessage("cannot read key " + f(keyFile) + ": wrong passphrase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enc-pkcs8.pem", "legacy.pem"})
    void missingPassphraseIsNamed(String keyFile) {
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("rsa.crt"), f(keyFile), PassphraseSource.of(null)))
                .hasMessage("cannot read key " + f(keyFile) + ": key is encrypted and no passphrase given");
    }

    @Test
    void mismatchedKeyAndNoKeyAndNoFile() {
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("rsa.crt"), f("ec.pem"), PassphraseSource.of(null)))
                .hasMessageStartingWith("cannot read key " + f("ec.pem") + ": certificate and key do not match");
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("rsa.crt"), f("ec.crt"), PassphraseSource.of(null)))
                .hasMessage("cannot read key " + f("ec.crt") + ": no private key found");
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("absent.crt"), f("pkcs1.pem"), PassphraseSource.of(null)))
                .hasMessage("cannot read certificate " + f("absent.crt") + ": no such file");
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("pass.txt"), f("pkcs1.pem"), PassphraseSource.of(null)))
                .hasMessage("cannot read certificate " + f("pass.txt") + ": no certificate found");
    }

    @Test
    void passphraseFromFileFirstLine() throws Exception {
        Settings settings = new Settings();
        settings.sslPassphraseFile = f("pass.txt");
        assertThat(KeyMaterialLoader.load(f("rsa.crt"), f("enc-pkcs8.pem"), PassphraseSource.from(settings))
                .key().getAlgorithm()).isEqualTo("RSA");
        settings.sslPassphraseFile = f("wrong-pass.txt");
        assertThatThrownBy(() -> KeyMaterialLoader.load(f("rsa.crt"), f("legacy.pem"),
                PassphraseSource.from(settings))).hasMessageEndingWith(": wrong passphrase");
    }

    /**
     * --ssl_passphrase_fd: Java cannot create a pipe with a known descriptor number, so the test
     * opens the passphrase file and finds the descriptor the JVM got for it in /proc/self/fd.
     */
    @Test
    void passphraseFromFileDescriptor() throws Exception {
        Path pass = dir.resolve("pass.txt").toRealPath();
        try (FileInputStream open = new FileInputStream(pass.toFile())) {
            int fd = descriptorOf(pass);
            Settings settings = new Settings();
            settings.sslPassphraseFd = fd;
            assertThat(PassphraseSource.from(settings).passphrase()).containsExactly("s3cret".toCharArray());
            assertThat(KeyMaterialLoader.load(f("rsa.crt"), f("legacy.pem"), PassphraseSource.from(settings))
                    .key().getAlgorithm()).isEqualTo("RSA");
            assertThat(open.getFD().valid()).isTrue();
        }
        assertThatThrownBy(() -> PassphraseSource.fromFd(987654).passphrase())
                .hasMessageStartingWith("cannot read passphrase from fd 987654");
    }

    private static int descriptorOf(Path file) throws Exception {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    if (Files.readSymbolicLink(entry).equals(file)) {
                        return Integer.parseInt(entry.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // the listing's own descriptor closes while we look
                }
            }
        }
        throw new AssertionError("no descriptor open on " + file);
    }
}
