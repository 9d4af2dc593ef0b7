package org.perdition.plugin.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.sql.SqlLookupContract;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.perdition.plugin.sql.SqlServer;

/** The MySQL popmap (spec §5.5) against a private MariaDB seeded with perdition's defaults. */
class MysqlLookupTest extends SqlLookupContract {

    static final String SEED = """
            CREATE DATABASE dbPerdition CHARACTER SET utf8mb4;
            CREATE USER 'perdition'@'127.0.0.1' IDENTIFIED BY 'perdition';
            CREATE USER 'perdition'@'localhost' IDENTIFIED BY 'perdition';
            GRANT SELECT ON dbPerdition.* TO 'perdition'@'127.0.0.1';
            GRANT SELECT ON dbPerdition.* TO 'perdition'@'localhost';
            USE dbPerdition;
            CREATE TABLE tblPerdition (user varchar(128) NOT NULL PRIMARY KEY, servername varchar(255),
              port varchar(8) DEFAULT NULL) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
            INSERT INTO tblPerdition VALUES ('alice','imap1.example.org','143'), ('bob','imap2.example.org',NULL),
              ('carol','carol2@imap3.example.org','110'), ('jörg','imap4.example.org',''), ('empty','',NULL);
            CREATE TABLE tblContract (user varchar(128) NOT NULL PRIMARY KEY, servername varchar(255),
              port varchar(8)) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
            CREATE TABLE tblPadded (login char(16), srv char(32), port char(6));
            INSERT INTO tblPadded VALUES ('dave','imap5.example.org','2143');
            CREATE VIEW tblSlow AS SELECT user, servername, port FROM tblPerdition WHERE SLEEP(30) = 0;
            """;

    @BeforeAll
    static void start() throws Exception {
        startServer(SqlServer.Kind.MARIADB, SEED);
    }

    @Override
    protected SqlPopmapLookup newLookup() {
        return new MysqlLookup();
    }

    @Override
    protected String database() {
        return "dbPerdition";
    }

    /** perdition's -3 (spec §5.5). */
    @Override
    protected void assertEmptyServer(SqlPopmapLookup lookup, String key) {
        assertThatThrownBy(() -> lookup.lookup(LookupRequest.of(key)))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.OTHER));
    }

    /** spec §5.5: without -m perdition builds no host list, so every lookup fails. */
    @Test
    void withoutOptionStringEveryLookupFails() throws Exception {
        MysqlLookup lookup = new MysqlLookup();
        lookup.init(new PluginContext(Optional.empty(), "@", "POP3"));
        assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("no -m/--map_library_opt");
    }
}
