package org.perdition.plugin.nis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupException;

class NisOptionsTest {

    @Test
    void perditionsFormIsTheMapName() throws Exception {
        assertThat(NisOptions.parse("")).isEqualTo(new NisOptions("user_mail_server", Optional.empty(),
                Optional.empty(), 5000, 3));
        assertThat(NisOptions.parse("mailhosts").map()).isEqualTo("mailhosts");
    }

    @Test
    void domainAndServer() throws Exception {
        NisOptions options = NisOptions.parse("m@example.org@nis1:834");
        assertThat(options.map()).isEqualTo("m");
        assertThat(options.domain()).contains("example.org");
        assertThat(options.server()).contains(new NisOptions.ServerAddress("nis1", Optional.of(834)));
        assertThat(NisOptions.parse("@@[::1]:99").server())
                .contains(new NisOptions.ServerAddress("::1", Optional.of(99)));
        assertThat(NisOptions.parse("@@nis2").server()).contains(new NisOptions.ServerAddress("nis2", Optional.empty()));
        assertThat(NisOptions.parse("@d").map()).isEqualTo("user_mail_server");
    }

    @Test
    void keyValues() throws Exception {
        NisOptions options = NisOptions.parse("m, timeout=0.5, retries=5, domain=d, server=h:1");
        assertThat(options).isEqualTo(new NisOptions("m", Optional.of("d"),
                Optional.of(new NisOptions.ServerAddress("h", Optional.of(1))), 500, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b@c@d", "m@d@h:0", "m@d@h:99999", "m@d@h:x", "m,timeout=0", "m,attempts=11",
        "m,colour=red", "m,nokey", "bad map", "m@d@[::1", "m/../x"})
    void badOptionsNameTheOption(String option) {
        assertThatThrownBy(() -> NisOptions.parse(option))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.CONFIGURATION))
                .hasMessageContaining("map_library_opt '" + option + "'");
    }
}
