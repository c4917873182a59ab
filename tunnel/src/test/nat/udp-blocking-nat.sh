#!/usr/bin/env bash
# A client network behind a NAT router that lets TCP out and drops all UDP, as hotel, corporate and
# airport networks do; and a public network where the gateway listens.
#
#   [NAME-cli] eth0 10.0.0.2/24 --- lan0 10.0.0.1 [NAME-rtr] wan0 203.0.113.1 --- eth0 203.0.113.10/24 [NAME-pub]
#
# The router masquerades TCP behind its public address, forwards replies of connections the client opened,
# and drops every UDP packet from the client network (counter "udp dropped") and anything else from outside.
#
# Usage: udp-blocking-nat.sh up NAME
#        udp-blocking-nat.sh renumber NAME ADDRESS   (the router's public address changes, as on a new lease)
#        udp-blocking-nat.sh down NAME
set -euo pipefail
cmd=$1 name=$2
cli=$name-cli rtr=$name-rtr pub=$name-pub

down() {
  for ns in "$cli" "$rtr" "$pub"; do ip netns del "$ns" 2>/dev/null || true; done
}

up() {
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
  for link in "$cli eth0" "$rtr lan0" "$rtr wan0" "$pub eth0"; do set -- $link; ip -n "$1" link set "$2" up; done
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
  chain forward {
    type filter hook forward priority filter; policy drop;
    iifname "lan0" meta l4proto udp counter drop comment "udp dropped"
    iifname "lan0" oifname "wan0" meta l4proto tcp accept
    iifname "wan0" oifname "lan0" ct state established,related accept
    counter drop comment "refused"
  }
}
NFT
}

renumber() {
  ip -n "$rtr" addr flush dev wan0
  ip -n "$rtr" addr add "$1/24" dev wan0
}

case $cmd in
  up) up ;;
  renumber) renumber "$3" ;;
  down) down ;;
  *) echo "usage: $0 up|renumber|down NAME [ADDRESS]" >&2; exit 2 ;;
esac
