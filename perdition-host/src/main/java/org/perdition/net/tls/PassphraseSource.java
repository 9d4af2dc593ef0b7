package org.perdition.net.tls;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.perdition.config.Settings;

/**
 * Where the private key's passphrase comes from (spec §1.2): --ssl_passphrase_file (first
 * line), else --ssl_passphrase_fd N (first line; default 0 = standard input, prompting with
 * echo off when that is a terminal, as perdition does). It is read only when the key is
 * actually encrypted, so an unencrypted key never touches stdin.
 */
@FunctionalInterface
public interface PassphraseSource {

    /** The passphrase, or throws naming where it should have come from. */
    char[] passphrase() throws TlsConfigException;

    /** A source with a fixed passphrase (tests, and a key known to be unencrypted: null). */
    static PassphraseSource of(String passphrase) {
        return () -> {
            if (passphrase == null) {
                throw new TlsConfigException("no passphrase given", null);
            }
            return passphrase.toCharArray();
        };
    }

    /** The source the options select. */
    static PassphraseSource from(Settings settings) {
        if (settings.sslPassphraseFile != null) {
            return fromFile(Path.of(settings.sslPassphraseFile));
        }
        return fromFd(settings.sslPassphraseFd);
    }

    static PassphraseSource fromFile(Path file) {
        return () -> {
            try (InputStream in = Files.newInputStream(file)) {
                return firstLine(in, "--ssl_passphrase_file " + file);
            } catch (IOException e) {
                throw new TlsConfigException("cannot read passphrase file " + file + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Reads file descriptor {@code fd} through /proc/self/fd/N (Linux) or /dev/fd/N; Java has no
     * API to wrap a raw descriptor, and both paths re-open the same open file description.
     */
    static PassphraseSource fromFd(int fd) {
        return () -> {
            if (fd == 0) {
                Console console = System.console();
                if (console != null) {
                    char[] typed = console.readPassword("Enter PEM pass phrase: ");
                    if (typed == null) {
                        throw new TlsConfigException("no passphrase on standard input", null);
                    }
                    return typed;
                }
                return firstLine(System.in, "standard input");
            }
            Path path = Path.of("/proc/self/fd/" + fd);
            if (!Files.exists(path)) {
                path = Path.of("/dev/fd/" + fd);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return firstLine(in, "--ssl_passphrase_fd " + fd);
            } catch (IOException e) {
                throw new TlsConfigException("cannot read passphrase from fd " + fd + ": " + e.getMessage(), e);
            }
        };
    }

    private static char[] firstLine(InputStream in, String what) throws TlsConfigException {
        try {
            // Not closed when it is System.in: the reader wraps the caller's stream.
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null) {
                throw new TlsConfigException("no passphrase in " + what + " (empty)", null);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new TlsConfigException("cannot read passphrase from " + what + ": " + e.getMessage(), e);
        }
    }
}
