/**
 * IMAP4 before login (spec §3.5), as a {@link org.perdition.protocol.ProtocolModule}.
 *
 * <p>Client side: {@link org.perdition.protocol.imap.CommandReader} frames one command (line
 * segments and literals), {@link org.perdition.protocol.imap.ArgumentLexer} and
 * {@link org.perdition.protocol.imap.ArgumentParser} turn it into arguments,
 * {@link org.perdition.protocol.imap.PreLoginCommands} answers it with perdition's wire strings.
 * Back-end side: {@link org.perdition.protocol.imap.ImapBackendLogin} with the tags of
 * {@link org.perdition.protocol.imap.BackendTags}.
 */
package org.perdition.protocol.imap;
