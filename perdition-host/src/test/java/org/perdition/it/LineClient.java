package org.perdition.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw line-based TCP client for greetings and one-line replies, plus port helpers. */
final class LineClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.out = socket.getOutputStream();
    }

    static LineClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            return new LineClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The next line without its CRLF; null at end of stream. */
    String readLine() throws IOException {
        return in.readLine();
    }

    /** Sends {@code line} + CRLF and returns the next reply line. */
    String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A loopback port nothing listens on right now (the system's choice, then released). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** True when a TCP connect to host:port is refused (nothing listens). */
    static boolean refused(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    /** Whether this host has ::1 on a loopback interface (binding it works). */
    static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
