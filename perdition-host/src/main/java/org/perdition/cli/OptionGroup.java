package org.perdition.cli;

/** Help sections. */
enum OptionGroup {
    GENERAL("General options (perdition 2.2)"),
    TLS("SSL/TLS options (perdition 2.2)"),
    OURS("Options of this implementation");

    final String title;

    OptionGroup(String title) {
        this.title = title;
    }
}
