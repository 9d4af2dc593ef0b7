package org.perdition.plugin.nis;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** The few XDR (RFC 4506) types ONC RPC and YP need: unsigned/signed ints and variable-length opaque data. */
final class Xdr {

    private Xdr() {
    }

    /** Builds an XDR stream. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Writer putInt(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        /** RFC 4506 §4.10/§4.11: length, bytes, zero padding to a multiple of four. */
        Writer putOpaque(byte[] bytes) {
            putInt(bytes.length);
            out.write(bytes, 0, bytes.length);
            for (int pad = (4 - bytes.length % 4) % 4; pad > 0; pad--) {
                out.write(0);
            }
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads an XDR stream; a short or malformed stream is a {@link MalformedReplyException}. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes, int length) {
            in = ByteBuffer.wrap(bytes, 0, length);
        }

        int getInt() throws MalformedReplyException {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw new MalformedReplyException("reply truncated");
            }
        }

        byte[] getOpaque(int maxLength) throws MalformedReplyException {
            int length = getInt();
            if (length < 0 || length > maxLength || length > in.remaining()) {
                throw new MalformedReplyException("bad opaque length " + Integer.toUnsignedString(length));
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            skip((4 - length % 4) % 4);
            return bytes;
        }

        /** RFC 4506 §4.9: exactly {@code length} bytes, padded to a multiple of four. */
        byte[] getFixedOpaque(int length) throws MalformedReplyException {
            if (length > in.remaining()) {
                throw new MalformedReplyException("reply truncated");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            skip((4 - length % 4) % 4);
            return bytes;
        }

        void skip(int count) throws MalformedReplyException {
            if (count > in.remaining()) {
                throw new MalformedReplyException("reply truncated");
            }
            in.position(in.position() + count);
        }
    }

    /** A reply that does not parse as ONC RPC / YP. */
    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message);
        }
    }
}
