package org.perdition.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.plugin.sql.SqlOptions;

/** The option string's defaults and the query text of spec §5.6 (no server needed). */
class PostgresqlOptionsTest {

    private static SqlOptions parse(String option) throws Exception {
        return SqlOptions.parse("postgresql", option, PostgresqlLookup.DEFAULTS);
    }

    @Test
    void anEmptyOptionStringGivesPerditionsDefaults() throws Exception {
        SqlOptions o = parse("");
        assertThat(o.hosts()).containsExactly("localhost");
        assertThat(o.port()).as("libpq's default port").isEmpty();
        assertThat(o.portOr(5432)).isEqualTo(5432);
        assertThat(List.of(o.database(), o.table(), o.user(), o.password(), o.serverColumn(), o.userColumn(),
                o.portColumn()))
                .containsExactly("dbperdition", "tblPerdition", "perdition", "perdition", "servername", "user", "port");
    }

    @Test
    void givenFieldsReplaceTheDefaultsByPosition() throws Exception {
        SqlOptions o = parse("db1:5433:maps");
        assertThat(o.hosts()).containsExactly("db1");
        assertThat(o.portOr(5432)).isEqualTo(5433);
        assertThat(o.database()).isEqualTo("maps");
        assertThat(o.table()).as("a field not reached keeps its default").isEqualTo("tblPerdition");
    }

    @Test
    void anEmptyPortColumnMeansNone() throws Exception {
        assertThat(parse("db1::dbperdition:tblPerdition:perdition:perdition:servername:user:").hasPortColumn())
                .isFalse();
    }

    /** Our extension to perdition's single host: a comma list, tried in order, as the MySQL map. */
    @Test
    void aCommaListOfHostsIsKeptInOrder() throws Exception {
        assertThat(parse("db1,db2,10.0.0.3:5432").hosts()).containsExactly("db1", "db2", "10.0.0.3");
    }

    /** perdition's query: table and server/port columns unquoted, the user column double-quoted. */
    @Test
    void theQueryIsPerditionsWithABindParameter() throws Exception {
        PostgresqlLookup lookup = new PostgresqlLookup();
        assertThat(lookup.query(parse("")))
                .isEqualTo("SELECT servername,port FROM tblPerdition WHERE \"user\" = ?");
        assertThat(lookup.query(parse("h:1:d:t:u:p:srv:login:")))
                .isEqualTo("SELECT srv FROM t WHERE \"login\" = ?");
    }
}
