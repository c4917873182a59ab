#!/usr/bin/env bash
# A client network behind a NAT router, and a public network where the gateway listens.
#
#   [NAME-cli] eth0 10.0.0.2/24 --- lan0 10.0.0.1 [NAME-rtr] wan0 203.0.113.1 --- eth0 203.0.113.10/24 [NAME-pub]
#
# The router masquerades the client network behind 203.0.113.1 (port-preserving, as most home routers are),
# forwards replies of connections the client opened, and drops anything else arriving from the public side.
# The public host has a route to 10.0.0.0/24 via the router, so a packet for the client's private address
# really reaches the NAT and is refused there (rather than failing for want of a route). Two counters tell
# the tests what the NAT did: "refused inbound" (forwarding refused) and "reached the router itself" (UDP to
# the public address with no binding behind it, e.g. after the binding timed out).
#
# Usage: topology.sh up NAME [UDP_TIMEOUT_SECONDS]   (timeout: conntrack lifetime of UDP bindings, default 30)
#        topology.sh down NAME
set -euo pipefail
cmd=$1 name=$2
cli=$name-cli rtr=$name-rtr pub=$name-pub

down() {
  for ns in "$cli" "$rtr" "$pub"; do ip netns del "$ns" 2>/dev/null || true; done
}

up() {
  local timeout=${1:-30}
  down
  for ns in "$cli" "$rtr" "$pub"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

  ip link add "$name-c" type veth peer name "$name-l"
  ip link set "$name-c" netns "$cli" name eth0
  ip link set "$name-l" netns "$rtr" name lan0
  ip link add "$name-w" type veth peer name "$name-p"
  ip link set "$name-w" netns "$rtr" name wan0
  ip link set "$name-p" netns "$pub" name eth0

  ip -n "$cli" addr add 10.0.0.2/24 dev eth0
  ip -n "$rtr" addr add 10.0.0.1/24 dev lan0
  ip -n "$rtr" addr add 203.0.113.1/24 dev wan0
  ip -n "$pub" addr add 203.0.113.10/24 dev eth0
  for pair in "$cli eth0" "$rtr lan0" "$rtr wan0" "$pub eth0"; do
    set -- $pair; ip -n "$1" link set "$2" up
  done
  ip -n "$cli" route add default via 10.0.0.1
  ip -n "$pub" route add 10.0.0.0/24 via 203.0.113.1
  ip netns exec "$rtr" sysctl -qw net.ipv4.ip_forward=1

  ip netns exec "$rtr" nft -f - <<NFT
table ip nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan0" masquerade
  }
}
table ip filter {
  ct timeout udp-binding {
    protocol udp;
    l3proto ip;
    policy = { unreplied: $timeout, replied: $timeout };
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan0" udp dport 1-65535 counter comment "reached the router itself"
  }
  chain forward {
    type filter hook forward priority filter; policy drop;
    iifname "lan0" oifname "wan0" ct timeout set "udp-binding" accept
    iifname "wan0" oifname "lan0" ct state established,related accept
    iifname "wan0" counter drop comment "refused inbound"
  }
}
NFT
}

case $cmd in
  up) up "${3:-30}" ;;
  down) down ;;
  *) echo "usage: $0 up|down NAME [UDP_TIMEOUT_SECONDS]" >&2; exit 2 ;;
esac
