#!/usr/bin/env bash
# The peer queues for the side-by-side benchmark, from Debian, each bound to 127.0.0.1 only, with
# its data under one temporary directory and pinned (taskset) to the server core the Sluice server
# uses, so every row gets the same one core.
#
#   benchmarks/setup-peers.sh install   apt-get install the four peers (idempotent; needs root)
#   benchmarks/setup-peers.sh start     start any that are not running (idempotent)
#   benchmarks/setup-peers.sh stop      stop them and delete their data
#   benchmarks/setup-peers.sh status    print which are up
#
# Durability as configured here (every row of docs/benchmarks.md repeats it):
#   RabbitMQ 3.10   quorum queue + publisher confirms: fsync (Raft WAL) before the confirm.
#                   classic durable queue, persistent messages + confirms: confirm after the message
#                   store's (batched) fsync.
#   NATS 2.9        JetStream file storage: NOT fsynced before the ack. 2.9 has no sync_always
#                   (added in 2.10); it syncs every 2 minutes (sync_interval default).
#   Redis 7         appendonly yes; the benchmark sets appendfsync always (fsync before the reply)
#                   or everysec (not fsynced before the reply) per row with CONFIG SET.
#   PostgreSQL 15   pg-boss 10; fsync on, synchronous_commit on: WAL fsynced before the commit returns.
set -euo pipefail

base="${SLUICE_PEERS_DIR:-/tmp/sluice-peers}"
core="${SLUICE_PEERS_CORE:-0}"
# Below the kernel's ephemeral range (32768 to 60999 here): a port inside it can be held for a
# minute by a client socket in TIME_WAIT, and a peer then fails to bind (RabbitMQ did, once).
rabbit_port=21672
rabbit_dist_port=21673
epmd_port=21369
nats_port=21422
redis_port=21379
postgres_port=21432
pin=(taskset -c "$core")

wait_port() { # name port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "setup-peers: $1 did not open port $2 within $3 s (logs in $base/$1)" >&2
      return 1
    fi
    sleep 0.2
  done
}

is_up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install() {
  if command -v rabbitmq-server >/dev/null && command -v nats-server >/dev/null &&
    command -v redis-server >/dev/null && [ -x /usr/lib/postgresql/15/bin/postgres ]; then
    return 0
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    rabbitmq-server nats-server redis-server postgresql
}

rabbit_env() { # command...: runs it as the rabbitmq user with this node's environment
  runuser -u rabbitmq -- env HOME="$base/rabbitmq" RABBITMQ_NODENAME=sluicebench@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$rabbit_port \
    RABBITMQ_DIST_PORT=$rabbit_dist_port ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$base/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$base/rabbitmq/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$base/rabbitmq/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$base/rabbitmq/rabbitmq" "$@"
}

start_rabbitmq() {
  is_up $rabbit_port && return 0
  mkdir -p "$base/rabbitmq/log"
  echo '[].' >"$base/rabbitmq/enabled_plugins"
  # The default 'guest' user may only log in from localhost, which is all we bind.
  echo 'loopback_users = none' >"$base/rabbitmq/rabbitmq.conf"
  chown -R rabbitmq:rabbitmq "$base/rabbitmq"
  rabbit_env "${pin[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server >"$base/rabbitmq/stdout.log" 2>&1 &
  wait_port rabbitmq $rabbit_port 120
}

start_nats() {
  is_up $nats_port && return 0
  mkdir -p "$base/nats"
  "${pin[@]}" nats-server -a 127.0.0.1 -p $nats_port -js -sd "$base/nats" \
    >"$base/nats/stdout.log" 2>&1 &
  echo $! >"$base/nats/pid"
  wait_port nats $nats_port 30
}

start_redis() {
  is_up $redis_port && return 0
  mkdir -p "$base/redis"
  chown redis:redis "$base/redis"
  "${pin[@]}" runuser -u redis -- redis-server --bind 127.0.0.1 --port $redis_port \
    --dir "$base/redis" --appendonly yes --appendfsync always --save '' \
    --daemonize no --protected-mode yes >"$base/redis/stdout.log" 2>&1 &
  wait_port redis $redis_port 30
}

start_postgres() {
  is_up $postgres_port && return 0
  local data="$base/postgres/data"
  mkdir -p "$base/postgres"
  chown postgres:postgres "$base/postgres"
  if [ ! -f "$data/PG_VERSION" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$data" -A trust -U postgres \
      >"$base/postgres/initdb.log" 2>&1
  fi
  "${pin[@]}" runuser -u postgres -- /usr/lib/postgresql/15/bin/postgres -D "$data" \
    -c listen_addresses=127.0.0.1 -p $postgres_port -c unix_socket_directories="$base/postgres" \
    -c fsync=on -c synchronous_commit=on -c max_connections=200 -c shared_buffers=256MB \
    >"$base/postgres/stdout.log" 2>&1 &
  wait_port postgres $postgres_port 60
}

stop_all() {
  if is_up $rabbit_port; then
    rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl -n sluicebench@localhost stop >/dev/null 2>&1 || true
  fi
  # The RabbitMQ node started an epmd on our private port; ask that one (and only it) to exit.
  runuser -u rabbitmq -- env ERL_EPMD_PORT=$epmd_port epmd -kill >/dev/null 2>&1 || true
  [ -f "$base/nats/pid" ] && kill "$(cat "$base/nats/pid")" 2>/dev/null || true
  if is_up $redis_port; then redis-cli -p $redis_port shutdown nosave >/dev/null 2>&1 || true; fi
  if [ -f "$base/postgres/data/postmaster.pid" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$base/postgres/data" \
      -m fast stop >/dev/null 2>&1 || true
  fi
  for port in $rabbit_port $nats_port $redis_port $postgres_port; do
    local deadline=$((SECONDS + 30))
    while is_up $port && ((SECONDS < deadline)); do sleep 0.2; done
  done
  rm -rf "$base"
}

status() {
  for entry in rabbitmq:$rabbit_port nats:$nats_port redis:$redis_port postgres:$postgres_port; do
    if is_up "${entry#*:}"; then echo "${entry%%:*} up on 127.0.0.1:${entry#*:}"; else
      echo "${entry%%:*} down"
    fi
  done
}

case "${1:-}" in
install) install ;;
start)
  install
  mkdir -p "$base"
  start_redis
  start_nats
  start_postgres
  start_rabbitmq
  status
  ;;
stop) stop_all ;;
status) status ;;
*)
  echo "usage: $0 install|start|stop|status" >&2
  exit 2
  ;;
esac
