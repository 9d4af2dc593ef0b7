package org.perdition.plugin.postgresql;

import org.junit.jupiter.api.BeforeAll;
import org.perdition.plugin.sql.SqlPopmapContract;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.perdition.plugin.sql.SqlServer;

/** The lookup contract for the PostgreSQL popmap against a private PostgreSQL (spec §5.6). */
class PostgresqlLookupContractTest extends SqlPopmapContract {

    @BeforeAll
    static void start() throws Exception {
        startServer(SqlServer.Kind.POSTGRESQL, PostgresqlLookupTest.SEED);
    }

    @Override
    protected SqlPopmapLookup newLookup() {
        return new PostgresqlLookup();
    }

    @Override
    protected String database() {
        return "dbperdition";
    }

    @Override
    protected String useDatabase() {
        return "\\c dbperdition";
    }
}
