package org.perdition.plugin.mysql;

import org.junit.jupiter.api.BeforeAll;
import org.perdition.plugin.sql.SqlPopmapContract;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.perdition.plugin.sql.SqlServer;

/** The lookup contract for the MySQL popmap against a private MariaDB (spec §5.5). */
class MysqlLookupContractTest extends SqlPopmapContract {

    @BeforeAll
    static void start() throws Exception {
        startServer(SqlServer.Kind.MARIADB, MysqlLookupTest.SEED);
    }

    @Override
    protected SqlPopmapLookup newLookup() {
        return new MysqlLookup();
    }

    @Override
    protected String database() {
        return "dbPerdition";
    }

    @Override
    protected String useDatabase() {
        return "USE dbPerdition;";
    }
}
