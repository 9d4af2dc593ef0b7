package org.perdition.plugin.nis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ypbind-mt's /var/yp/binding/DOMAIN.2 files, in the layout libnsl's __yp_bind_file reads. */
class BindingFileTest {

    @TempDir
    Path dir;

    /** u16 ypbind port (native), int status 1 (native), 4 address bytes and 2 port bytes (network order). */
    static byte[] bindingFile(byte[] address, int port) {
        ByteBuffer out = ByteBuffer.allocate(14).order(ByteOrder.nativeOrder());
        out.putShort((short) 700).putInt(1).put(address);
        out.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        return out.array();
    }

    private YpServerLocator locator() {
        return new YpServerLocator(dir, new OncRpcUdpClient(100, 1));
    }

    @Test
    void readsTheBoundServer() throws Exception {
        Files.write(dir.resolve("example.org.2"), bindingFile(new byte[] {10, 1, 2, 3}, 834));
        assertThat(locator().bindingFile("example.org")).isEqualTo(new InetSocketAddress("10.1.2.3", 834));
    }

    @Test
    void noFileOrAFailedBindingMeansNoBinding() throws Exception {
        assertThat(locator().bindingFile("example.org")).isNull();
        byte[] failed = bindingFile(new byte[4], 0);
        ByteBuffer.wrap(failed).order(ByteOrder.nativeOrder()).putInt(2, 2); // YPBIND_FAIL_VAL
        Files.write(dir.resolve("example.org.2"), failed);
        assertThat(locator().bindingFile("example.org")).isNull();
    }
}
