package org.perdition.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.sql.SqlLookupContract;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.perdition.plugin.sql.SqlServer;

/** The PostgreSQL popmap (spec §5.6) against a private PostgreSQL seeded with perdition's defaults. */
class PostgresqlLookupTest extends SqlLookupContract {

    static final String SEED = """
            CREATE ROLE perdition LOGIN PASSWORD 'perdition';
            CREATE DATABASE dbperdition OWNER perdition;
            \\c dbperdition
            CREATE TABLE tblPerdition ("user" varchar(128) NOT NULL PRIMARY KEY, servername varchar(255), port varchar(8));
            INSERT INTO tblPerdition VALUES ('alice','imap1.example.org','143'), ('bob','imap2.example.org',NULL),
              ('carol','carol2@imap3.example.org','110'), ('jörg','imap4.example.org',''), ('empty',NULL,NULL);
            CREATE TABLE tblContract ("user" varchar(128) NOT NULL PRIMARY KEY, servername varchar(255), port varchar(8));
            CREATE TABLE tblPadded ("login" char(16), srv char(32), port char(6));
            INSERT INTO tblPadded VALUES ('dave','imap5.example.org','2143');
            CREATE VIEW tblSlow AS SELECT "user", servername, port FROM tblPerdition, pg_sleep(30);
            GRANT SELECT ON tblPerdition, tblContract, tblPadded, tblSlow TO perdition;
            """;

    @BeforeAll
    static void start() throws Exception {
        startServer(SqlServer.Kind.POSTGRESQL, SEED);
    }

    @Override
    protected SqlPopmapLookup newLookup() {
        return new PostgresqlLookup();
    }

    @Override
    protected String database() {
        return "dbperdition";
    }

    /** perdition's -2 for a NULL server (spec §5.6). */
    @Override
    protected void assertEmptyServer(SqlPopmapLookup lookup, String key) throws Exception {
        assertThat(lookup.lookup(LookupRequest.of(key))).isInstanceOf(LookupResult.NotFound.class);
    }
}
