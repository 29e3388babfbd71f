package dev.keyroute.config;

/** The sections a config file may hold. Names match case-insensitively, as in wg-quick. */
enum Section {
    INTERFACE("Interface"),
    PEER("Peer"),
    KEYROUTE("keyroute");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    /** The name as written in the header, without brackets. */
    String title() {
        return title;
    }

    static Section lookup(String name) {
        for (Section s : values()) {
            if (s.title.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
