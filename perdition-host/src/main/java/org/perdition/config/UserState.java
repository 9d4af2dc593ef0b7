package org.perdition.config;

/** The states of spec §1.3 in which -A, -S and --lower_case rewrite the user name. */
public enum UserState {
    SERVERNAME_LOOKUP,
    LOCAL_AUTHENTICATION,
    REMOTE_LOGIN
}
