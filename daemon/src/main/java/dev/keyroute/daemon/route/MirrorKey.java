package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;

/**
 * The identity of a kernel route as the kernel keys it for replace and delete: table, destination
 * prefix and metric (RTA_PRIORITY). The family is implied by the prefix.
 *
 * @param table  routing table id (unsigned 32 bit, as RTA_TABLE)
 * @param prefix destination
 * @param metric RTA_PRIORITY, unsigned 32 bit
 */
record MirrorKey(int table, Prefix prefix, long metric) {
}
