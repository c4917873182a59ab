package org.natterjack.location;

import java.util.regex.Pattern;

/**
 * A gateway node that holds flows. Only the node that holds a client's flow can send down it (a UDP NAT
 * binding or a TCP connection ends at that node's socket), so a binding names its node.
 *
 * @param name the node's name: letters, digits, dots, dashes and underscores
 */
public record NodeId(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    /** The node name of a gateway that runs alone. */
    public static final NodeId LOCAL = new NodeId("local");

    public NodeId {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a node name is 1 to 63 letters, digits, dots, dashes or underscores,"
                    + " not '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
