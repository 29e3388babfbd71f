package dev.keyroute.it;

/** The two device names of a veth pair made by {@link Netns#link}. */
public record Veth(String nameInA, String nameInB) {
}
