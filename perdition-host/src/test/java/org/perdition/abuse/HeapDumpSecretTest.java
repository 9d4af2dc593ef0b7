package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Protocol;

/**
 * Secrets (issue 9): after a POP3 login has ended, a heap dump of live objects holds the password
 * nowhere, neither as Latin-1 bytes (compact Strings, byte buffers) nor as UTF-16 (char arrays).
 *
 * <p>The test itself never holds the password as a String: it lives masked in a byte array and is
 * unmasked only into the bytes sent, which are then zeroed; the scripted back-end's transcript is
 * cleared before the dump. So a hit is the proxy's (or Netty's) doing; the failure message shows
 * the bytes around each hit to tell what held it.
 */
class HeapDumpSecretTest extends AbuseSuite {

    private static final byte MASK = 0x5a;

    @TempDir
    Path dir;

    @Test
    void noPasswordInAHeapDumpAfterTheSession() throws Exception {
        assertThat(hitsInADumpAfterALogin(true)).as("the password in a heap dump of live objects").isEmpty();
    }

    /** Kept no longer than the login needs: a logged-in session, still relaying, holds it no more. */
    @Test
    void noPasswordInAHeapDumpWhileTheSessionRelays() throws Exception {
        assertThat(hitsInADumpAfterALogin(false)).as("the password in a heap dump of live objects").isEmpty();
    }

    private List<String> hitsInADumpAfterALogin(boolean endTheSession) throws Exception {
        byte[] masked = maskedRandomPassword(24);
        ScriptedBackend backend = new ScriptedBackend(c -> {
            c.send("+OK fake POP3 ready\r\n");
            c.read();
            c.send("+OK\r\n");
            c.read();
            c.send("+OK logged in\r\n");
            ScriptedBackend.echo(c, "+OK echo ");
        });
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add(backend.address());
            s.debug = false;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        {
            c.read();
            c.ask("USER bob");
            byte[] pass = unmaskedLine("PASS ", masked);
            c.send(pass);
            Arrays.fill(pass, (byte) 0);
            assertThat(c.read()).isEqualTo("+OK You are so in");
            assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        }
        if (endTheSession) {
            c.ask("QUIT");
            c.read();
            assertThat(proxy.awaitNoSessions()).isTrue();
            assertThat(backend.awaitAllClosed()).isTrue();
        }
        backend.received().clear();

        Path dump = dir.resolve("heap.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);

        byte[] latin1 = unmask(masked);
        List<String> hits = new ArrayList<>();
        hits.addAll(find(dump, latin1, "Latin-1"));
        hits.addAll(find(dump, new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_16BE),
                "UTF-16BE"));
        hits.addAll(find(dump, new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_16LE),
                "UTF-16LE"));
        Arrays.fill(latin1, (byte) 0);
        String keep = System.getProperty("perdition.keepHeapDump");
        if (keep != null && !hits.isEmpty()) {
            // For scripts/reliability/hprof-holders.py: which objects hold the array at the offsets shown.
            java.nio.file.Files.copy(dump, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return hits;
    }

    private static byte[] maskedRandomPassword(int length) {
        SecureRandom random = new SecureRandom();
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (('a' + random.nextInt(26)) ^ MASK);
        }
        return masked;
    }

    private static byte[] unmask(byte[] masked) {
        byte[] plain = new byte[masked.length];
        for (int i = 0; i < masked.length; i++) {
            plain[i] = (byte) (masked[i] ^ MASK);
        }
        return plain;
    }

    private static byte[] unmaskedLine(String command, byte[] masked) {
        byte[] head = command.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + masked.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        for (int i = 0; i < masked.length; i++) {
            line[head.length + i] = (byte) (masked[i] ^ MASK);
        }
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    /** Every place {@code needle} occurs in the file, with the bytes before it (printable) as a clue. */
    private static List<String> find(Path file, byte[] needle, String encoding) throws Exception {
        List<String> hits = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long chunk = 256L << 20;
            for (long start = 0; start < size; start += chunk - needle.length) {
                long length = Math.min(chunk, size - start);
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
                for (int i = 0; i + needle.length <= length; i++) {
                    if (map.get(i) != needle[0]) {
                        continue;
                    }
                    int j = 1;
                    while (j < needle.length && map.get(i + j) == needle[j]) {
                        j++;
                    }
                    if (j == needle.length) {
                        hits.add(encoding + " at " + (start + i) + ", after \"" + context(map, i) + "\"");
                    }
                }
                if (start + length >= size) {
                    break;
                }
            }
        }
        return hits;
    }

    private static String context(MappedByteBuffer map, int at) {
        StringBuilder text = new StringBuilder();
        for (int k = Math.max(0, at - 48); k < at; k++) {
            int b = map.get(k) & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return text.toString();
    }
}
