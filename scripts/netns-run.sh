#!/bin/sh
# Runs a command inside a network namespace of its own, made for the WebRTC tests: the only
# addresses there are loopback and one veth pair (10.99.0.1 <-> 10.99.0.2, default route through
# it, so browsers gather candidates), so no test traffic can reach the machine's real network.
# Needs root (or CAP_SYS_ADMIN), unshare (util-linux) and ip (iproute2).
# Exit status: the command's; 77 when a namespace cannot be made here (the reason on stderr).
#
#   scripts/netns-run.sh node test/collab/webrtc-scenarios.mjs
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/netns-run.sh COMMAND [ARGS...]" >&2
  exit 2
fi
if [ "${MLDOC_NETNS:-}" = "1" ]; then
  exec "$@"
fi
if ! command -v unshare >/dev/null 2>&1; then
  echo "netns-run: unshare is not installed (Debian package util-linux)" >&2
  exit 77
fi
if ! command -v ip >/dev/null 2>&1; then
  echo "netns-run: ip is not installed (Debian package iproute2)" >&2
  exit 77
fi
if ! probe=$(unshare -n true 2>&1); then
  echo "netns-run: cannot create a network namespace here (needs root or CAP_SYS_ADMIN): $probe" >&2
  exit 77
fi

exec unshare -n sh -c '
  set -e
  ip link set lo up
  ip link add veth0 type veth peer name veth1
  ip addr add 10.99.0.1/24 dev veth0
  ip addr add 10.99.0.2/24 dev veth1
  ip link set veth0 up
  ip link set veth1 up
  ip route add default via 10.99.0.2 dev veth0
  MLDOC_NETNS=1 exec "$@"
' netns-run "$@"
