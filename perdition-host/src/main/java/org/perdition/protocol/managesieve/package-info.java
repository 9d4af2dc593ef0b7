/**
 * ManageSieve (RFC 5804) before login (spec §3.6), as a {@link org.perdition.protocol.ProtocolModule}.
 *
 * <p>Client side: {@link org.perdition.protocol.managesieve.SieveCommandReader} frames one command
 * (line segments and literals), {@link org.perdition.protocol.managesieve.SieveLexer} splits it into
 * atoms and strings, {@link org.perdition.protocol.managesieve.ManageSieveFrontendSession} and
 * {@link org.perdition.protocol.managesieve.SieveAuthenticate} answer with perdition's texts, quoted
 * by {@link org.perdition.protocol.managesieve.SieveQuoting}. Back-end side:
 * {@link org.perdition.protocol.managesieve.ManageSieveBackendLogin}, reading whole responses with
 * {@link org.perdition.protocol.managesieve.SieveResponseReader} and
 * {@link org.perdition.protocol.managesieve.SieveResponse}.
 */
package org.perdition.protocol.managesieve;
