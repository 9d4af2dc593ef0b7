package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.perdition.protocol.FailureReason;

/** --auth_failure_limit's counting, on a clock the test moves (no waiting). */
class FailedLoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedLoginThrottle throttle = new FailedLoginThrottle(3, 60, now::get);

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private void fail(String address, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            throttle.failed(ip(address), FailureReason.REAUTHENTICATION);
        }
    }

    @Test
    void refusesAtTheLimitUntilTheWindowHasPassed() throws Exception {
        fail("192.0.2.1", 2);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isFalse();
        fail("192.0.2.1", 1);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isTrue();
        assertThat(throttle.refuses(ip("192.0.2.2"))).as("another address").isFalse();
        advanceSeconds(60);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isTrue();
        advanceSeconds(1);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isFalse();
        // after the window the count starts again
        fail("192.0.2.1", 1);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() throws Exception {
        for (int i = 0; i < 10; i++) {
            fail("192.0.2.1", 1);
            advanceSeconds(61);
        }
        assertThat(throttle.refuses(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void onlyRefusedPasswordsCount() throws Exception {
        for (FailureReason reason : FailureReason.values()) {
            if (!FailedLoginThrottle.COUNTED.contains(reason)) {
                for (int i = 0; i < 5; i++) {
                    throttle.failed(ip("192.0.2.1"), reason);
                }
            }
        }
        assertThat(throttle.refuses(ip("192.0.2.1"))).isFalse();
        throttle.failed(ip("192.0.2.1"), FailureReason.LOCAL_AUTHENTICATION);
        fail("192.0.2.1", 2);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void ipv6CountsPerSlash64() throws Exception {
        fail("2001:db8:1:2::1", 1);
        fail("2001:db8:1:2::2", 1);
        fail("2001:db8:1:2:ffff::3", 1);
        assertThat(throttle.refuses(ip("2001:db8:1:2::99"))).isTrue();
        assertThat(throttle.refuses(ip("2001:db8:1:3::1"))).isFalse();
    }

    @Test
    void offByDefault() throws Exception {
        FailedLoginThrottle off = new FailedLoginThrottle(new org.perdition.config.Settings());
        for (int i = 0; i < 100; i++) {
            off.failed(ip("192.0.2.1"), FailureReason.REAUTHENTICATION);
        }
        assertThat(off.refuses(ip("192.0.2.1"))).isFalse();
        assertThat(off.tracked()).isZero();
    }

    @Test
    void theTableIsBoundedAndExpiredAddressesMakeRoom() throws Exception {
        byte[] a = new byte[4];
        for (int i = 0; i < FailedLoginThrottle.MAX_ADDRESSES + 10; i++) {
            a[0] = 10;
            a[1] = (byte) (i >> 16);
            a[2] = (byte) (i >> 8);
            a[3] = (byte) i;
            throttle.failed(InetAddress.getByAddress(a), FailureReason.REAUTHENTICATION);
        }
        assertThat(throttle.tracked()).isEqualTo(FailedLoginThrottle.MAX_ADDRESSES);
        advanceSeconds(61);
        fail("192.0.2.1", 3);
        assertThat(throttle.tracked()).isEqualTo(1);
        assertThat(throttle.refuses(ip("192.0.2.1"))).isTrue();
    }
}
