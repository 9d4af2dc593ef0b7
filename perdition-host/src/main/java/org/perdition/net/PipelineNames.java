package org.perdition.net;

/** Names of the handlers in client and back-end pipelines, top-down. */
public final class PipelineNames {
    public static final String TLS = "tls";
    public static final String IDLE = "idle";
    public static final String TIMEOUT = "timeout";
    public static final String TRAFFIC_LOG = "traffic-log";
    public static final String SESSION = "session";
    public static final String BACKEND_LOGIN = "backend-login";
    public static final String RELAY = "relay";

    private PipelineNames() {
    }
}
