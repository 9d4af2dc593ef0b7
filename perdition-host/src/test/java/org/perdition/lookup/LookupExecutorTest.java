package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LookupExecutorTest {

    @Test
    void runsOnNamedDaemonThreads() throws Exception {
        try (LookupExecutor executor = new LookupExecutor()) {
            String where = executor.submit(() -> Thread.currentThread().getName() + "/" + Thread.currentThread().isDaemon())
                    .get(10, TimeUnit.SECONDS);
            assertThat(where).matches("perdition-lookup-\\d+/true");
        }
    }

    @Test
    void timedOutTaskFailsWithTimeoutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        try (LookupExecutor executor = new LookupExecutor(1, 1, Duration.ofMillis(100))) {
            var future = executor.submit(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return "never";
            });
            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
