package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The leak check of the abuse and fault suites can fail: a buffer dropped unreleased is reported. */
class NettyWatchSelfTest {

    @AfterEach
    void restore() {
        NettyWatch.clear();
        NettyWatch.uninstall();
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReportedAsALeak() {
        NettyWatch.install();
        leakOne();
        List<String> reports = List.of();
        for (int attempt = 0; attempt < 20 && reports.isEmpty(); attempt++) {
            reports = NettyWatch.collectLeakReports();
        }
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(0)).contains("LEAK");
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        // dropped here without release(): what every suite's @AfterEach must catch
    }
}
