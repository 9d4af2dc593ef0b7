package org.perdition.benchmark.soak;

/** An unexpected answer or content, with the kind it is counted under in the report. */
final class SoakFailure extends RuntimeException {

    private final String kind;

    SoakFailure(String kind, String detail) {
        super(kind + ": " + detail, null, false, false);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }
}
