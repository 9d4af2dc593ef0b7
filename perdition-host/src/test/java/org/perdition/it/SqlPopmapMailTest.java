package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.plugin.sql.SqlServer;

/**
 * Issue 5's "done when" for the SQL popmaps: a user routed by {@code -M mysql} (against MariaDB) or
 * {@code -M postgresql} reads mail through the running proxy, and a wrong database password is
 * logged. Needs plugins/mysql.jar and
 * plugins/postgresql.jar (built before the host).
 */
class SqlPopmapMailTest {

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private SqlServer database;
    private PerditionProcess perdition;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stop() {
        if (perdition != null) {
            perdition.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SqlServer.Kind.class)
    void popmapRoutesTheLogin(SqlServer.Kind kind) throws Exception {
        String plugin = kind == SqlServer.Kind.MARIADB ? "mysql" : "postgresql";
        Path root = PerditionProcess.checkoutRoot();
        Assumptions.assumeTrue(Files.isReadable(root.resolve("plugins/" + plugin + ".jar")),
                "plugins/" + plugin + ".jar not built");
        Assumptions.assumeTrue(SqlServer.installed(kind), kind + " is not installed");
        database = SqlServer.start(kind);
        String rows = "('alice','127.0.0.1','" + dovecot.imapPort() + "'), ('bob','127.0.0.1','1')";
        String db = kind == SqlServer.Kind.MARIADB ? "dbPerdition" : "dbperdition";
        database.execute(kind == SqlServer.Kind.MARIADB ? """
                CREATE DATABASE dbPerdition;
                CREATE USER 'perdition'@'127.0.0.1' IDENTIFIED BY 'perdition';
                GRANT SELECT ON dbPerdition.* TO 'perdition'@'127.0.0.1';
                CREATE TABLE dbPerdition.tblPerdition (user varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                INSERT INTO dbPerdition.tblPerdition VALUES %s;
                """.formatted(rows) : """
                CREATE ROLE perdition LOGIN PASSWORD 'perdition';
                CREATE DATABASE dbperdition OWNER perdition;
                \\c dbperdition
                CREATE TABLE tblPerdition ("user" varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                INSERT INTO tblPerdition VALUES %s;
                GRANT SELECT ON tblPerdition TO perdition;
                """.formatted(rows));

        PopmapRouting.Proxy proxy = PopmapRouting.start(tmp, plugin, "127.0.0.1:" + database.port() + ":" + db);
        perdition = proxy.process();
        PopmapRouting.assertAliceReachesDovecotAndBobTheClosedPort(proxy);
        perdition.close();

        // the same database, a wrong password: a logged error naming the server and the user
        proxy = PopmapRouting.start(tmp, plugin, "127.0.0.1:" + database.port() + ":" + db
                + ":tblPerdition:perdition:Wrong-Pass-77");
        perdition = proxy.process();
        PopmapRouting.assertWrongCredentialsLogged(proxy, plugin + ": lookup failed: cannot connect: as user"
                + " 'perdition' to 127.0.0.1:" + database.port() + ": ", "Wrong-Pass-77");
    }
}
