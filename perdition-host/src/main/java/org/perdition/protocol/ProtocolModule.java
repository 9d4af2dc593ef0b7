package org.perdition.protocol;

/** One mail protocol's behaviour before login (nginx's {@code ngx_mail_protocol_t}, Dovecot's {@code client_vfuncs}). */
public interface ProtocolModule {

    FrontendSession newSession(SessionContext context);
}
