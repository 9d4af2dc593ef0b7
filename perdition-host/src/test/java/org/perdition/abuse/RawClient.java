package org.perdition.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A byte-level client for hostile transcripts: sends raw bytes, reads CRLF lines (Latin-1). */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    /** From the local address {@code from} (e.g. 127.0.0.2: any 127/8 address is loopback on Linux). */
    public RawClient(InetSocketAddress address, java.net.InetAddress from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(address, 5_000);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String ask(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    /** The next line without its LF (and CR), or null when the proxy closed (or reset) the connection. */
    public String read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            return null;   // reset: the proxy is gone, which is what the caller asks about
        }
        return null;
    }

    /** Reads lines until the proxy closes; the lines read (bounded by {@code max}). */
    public java.util.List<String> readUntilClosed(int max) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line = read(); line != null && lines.size() < max; line = read()) {
            lines.add(line);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
