package org.perdition.integrity;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A minimal blocking POP3 client that returns every byte of each answer, dot-stuffing included. */
final class Pop3Connection implements AutoCloseable {

    private static final byte[] END = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Pop3Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting, which must be {@code +OK}. */
    static Pop3Connection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, 30_000);
            socket.setSoTimeout(60_000);
            Pop3Connection connection = new Pop3Connection(socket);
            String greeting = new String(connection.rawLine(), StandardCharsets.ISO_8859_1);
            if (!greeting.startsWith("+OK")) {
                throw new IOException("greeting: " + greeting.strip());
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** USER then PASS; the status line of PASS (or of USER when that failed). */
    String login(String user, String password) throws IOException {
        String reply = single("USER " + user);
        return reply.startsWith("+OK") ? single("PASS " + password) : reply;
    }

    /** A one-line command; its status line without CRLF. */
    String single(String command) throws IOException {
        send(command);
        return new String(rawLine(), StandardCharsets.ISO_8859_1).strip();
    }

    /** A multi-line command: the raw bytes from the status line to the terminating dot line, inclusive. */
    byte[] multi(String command) throws IOException {
        send(command);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] line = rawLine();
        all.writeBytes(line);
        if (line[0] != '+') {
            return all.toByteArray();
        }
        do {
            line = rawLine();
            all.writeBytes(line);
        } while (!Arrays.equals(line, END));
        return all.toByteArray();
    }

    /**
     * The message of a RETR answer: status line and final dot line removed, leading dots
     * unstuffed (RFC 1939 §3).
     */
    static byte[] unstuff(byte[] answer) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(answer.length);
        int start = indexAfterLine(answer, 0);
        int stop = answer.length - END.length;
        for (int i = start; i < stop; ) {
            int next = indexAfterLine(answer, i);
            int from = answer[i] == '.' ? i + 1 : i;
            message.write(answer, from, next - from);
            i = next;
        }
        return message.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static int indexAfterLine(byte[] bytes, int from) {
        int i = from;
        while (bytes[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new EOFException("connection closed after " + line.size() + " bytes of a line");
    }
}
