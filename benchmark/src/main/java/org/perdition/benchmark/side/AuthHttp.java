package org.perdition.benchmark.side;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The auth_http server nginx mail needs: every login is OK and goes to the private Dovecot
 * (Auth-Server/Auth-Port by Auth-Protocol). Dovecot checks the password, as it does behind the
 * other proxies. It runs in the benchmark's JVM on one thread, so its (small) CPU is counted as
 * the load generator's, not nginx's: nginx's figures leave out the auth service it depends on.
 */
final class AuthHttp implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "auth-http");
        t.setDaemon(true);
        return t;
    });

    AuthHttp(Map<String, Integer> portByProtocol) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/auth", exchange -> {
            String protocol = exchange.getRequestHeaders().getFirst("Auth-Protocol");
            Integer port = portByProtocol.get(protocol);
            var headers = exchange.getResponseHeaders();
            if (port == null) {
                headers.add("Auth-Status", "unknown protocol");
            } else {
                headers.add("Auth-Status", "OK");
                headers.add("Auth-Server", "127.0.0.1");
                headers.add("Auth-Port", Integer.toString(port));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
