#!/usr/bin/env bash
# Client networks behind NAT routers, and a public network where the gateway listens.
#
#   [NAME-cli]  eth0 10.0.0.2/24 --- lan0 10.0.0.1 [NAME-rtr]  wan0 203.0.113.1 ---+
#                                                                                   +--- eth0 203.0.113.10/24 [NAME-pub]
#   [NAME-cli2] eth0 10.0.0.2/24 --- lan0 10.0.0.1 [NAME-rtr2] wan0 203.0.113.2 ---+      (bridge br0 in NAME-pub)
#
# Further NATs (optional, up to four: NAME-cli3 behind 203.0.113.3, ...) hide networks with the very same
# private addresses, as several homes would.
# Each router masquerades its client network behind its public address (port-preserving, as most home
# routers are), forwards replies of connections the client opened, and drops anything else arriving from
# the public side. The public host routes 10.0.0.0/24 via the first router, so a packet for a client's
# private address really reaches a NAT and is refused there (rather than failing for want of a route).
# Counters tell the tests what happened: in each router "refused inbound" (forwarding refused) and
# "reached the router itself" (UDP to the public address with no binding behind it); in the public host
# "to a private address" (packets sent from the public side to 10.0.0.0/8, which must stay 0).
#
# Usage: topology.sh up NAME [UDP_TIMEOUT_SECONDS] [NATS]   (timeout: conntrack lifetime of UDP bindings,
#                                                             default 30; NATS: 1 to 4, default 1)
#        topology.sh down NAME
set -euo pipefail
cmd=$1 name=$2
pub=$name-pub

down() {
  for sfx in "" 2 3 4; do ip netns del "$name-cli$sfx" 2>/dev/null || true; ip netns del "$name-rtr$sfx" 2>/dev/null || true; done
  ip netns del "$pub" 2>/dev/null || true
}

# nat SUFFIX PUBLIC_ADDRESS TIMEOUT: one client network and its router, attached to the public bridge.
nat() {
  local sfx=$1 public=$2 timeout=$3
  local cli=$name-cli$sfx rtr=$name-rtr$sfx
  ip netns add "$cli"; ip netns add "$rtr"
  ip -n "$cli" link set lo up; ip -n "$rtr" link set lo up
  ip link add "$name-c$sfx" type veth peer name "$name-l$sfx"
  ip link set "$name-c$sfx" netns "$cli" name eth0
  ip link set "$name-l$sfx" netns "$rtr" name lan0
  ip link add "$name-w$sfx" type veth peer name "$name-p$sfx"
  ip link set "$name-w$sfx" netns "$rtr" name wan0
  ip link set "$name-p$sfx" netns "$pub" name "port$sfx"
  ip -n "$pub" link set "port$sfx" master br0 up
  ip -n "$cli" addr add 10.0.0.2/24 dev eth0
  ip -n "$rtr" addr add 10.0.0.1/24 dev lan0
  ip -n "$rtr" addr add "$public/24" dev wan0
  ip -n "$cli" link set eth0 up
  ip -n "$rtr" link set lan0 up
  ip -n "$rtr" link set wan0 up
  ip -n "$cli" route add default via 10.0.0.1
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

up() {
  local timeout=${1:-30} nats=${2:-1}
  down
  ip netns add "$pub"
  ip -n "$pub" link set lo up
  ip -n "$pub" link add br0 type bridge
  ip -n "$pub" addr add 203.0.113.10/24 dev br0
  ip -n "$pub" link set br0 up
  nat "" 203.0.113.1 "$timeout"
  for n in 2 3 4; do
    if [ "$nats" -ge "$n" ]; then nat "$n" "203.0.113.$n" "$timeout"; fi
  done
  ip -n "$pub" route add 10.0.0.0/24 via 203.0.113.1
  ip netns exec "$pub" nft -f - <<NFT
table ip watch {
  chain output {
    type filter hook output priority filter; policy accept;
    ip daddr 10.0.0.0/8 counter comment "to a private address"
  }
}
NFT
}

case $cmd in
  up) up "${3:-30}" "${4:-1}" ;;
  down) down ;;
  *) echo "usage: $0 up|down NAME [UDP_TIMEOUT_SECONDS] [NATS]" >&2; exit 2 ;;
esac
