package org.perdition.plugin.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.plugin.api.LookupException;

/** The option string grammar of spec §5.5 / §5.6, without a server. */
class SqlOptionsTest {

    private static final SqlOptions DEFAULTS = new SqlOptions(List.of("localhost"), "", "dbPerdition",
            "tblPerdition", "perdition", "perdition", "servername", "user", "port");

    @Test
    void missingTrailingFieldsTakeTheDefaults() throws LookupException {
        SqlOptions o = SqlOptions.parse("mysql", "db1,db2:3307", DEFAULTS);
        assertThat(o.hosts()).containsExactly("db1", "db2");
        assertThat(o.portOr(3306)).isEqualTo(3307);
        assertThat(o.table()).isEqualTo("tblPerdition");
        assertThat(o.userColumn()).isEqualTo("user");
        assertThat(o.portColumn()).isEqualTo("port");
    }

    @Test
    void emptyMiddleFieldsAreEmptyNotDefault() throws LookupException {
        SqlOptions o = SqlOptions.parse("mysql", ":0:db:t:::srv:usr:", DEFAULTS);
        assertThat(o.hosts()).containsExactly("localhost");
        assertThat(o.portOr(3306)).as("port 0 is the client default").isEqualTo(3306);
        assertThat(o.user()).isEmpty();
        assertThat(o.password()).isEmpty();
        assertThat(o.hasPortColumn()).isFalse();
    }

    @Test
    void toStringHidesThePassword() throws LookupException {
        assertThat(SqlOptions.parse("mysql", "h:1:d:t:u:TopSecret", DEFAULTS).toString()).doesNotContain("TopSecret");
    }

    @Test
    void badFieldsAreStartupErrorsNamingTheOption() {
        for (String bad : List.of("h:99999", "h:x", "h/x", "h:1:d b", "h:1:d:t:u:p:s:u:p:extra", "h:1:d:1tbl")) {
            assertThatThrownBy(() -> SqlOptions.parse("mysql", bad, DEFAULTS)).as(bad)
                    .isInstanceOf(LookupException.class).hasMessageStartingWith("mysql: bad -m/--map_library_opt: ");
        }
    }
}
