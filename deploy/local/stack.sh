#!/usr/bin/env bash
# A real local stack on 127.0.0.1 for agentwatch: Kafka (KRaft, one combined node) on 9092,
# Elasticsearch 8.19 on 9200 and a Flink 2.2 session cluster (a JobManager, REST and web UI on
# 8081, and FLINK_TASKMANAGERS TaskManagers), all from Maven Central (no Docker needed).
#
#   deploy/local/stack.sh up           start all three (idempotent: a running service is left alone)
#   deploy/local/stack.sh up-data      start Kafka and Elasticsearch only
#   deploy/local/stack.sh flink-up     start the Flink cluster only (flink-down stops it)
#   deploy/local/stack.sh kafka-up     start Kafka only (kafka-down stops it; its data stays)
#   deploy/local/stack.sh es-up        start Elasticsearch only (es-down stops it; its data stays)
#   deploy/local/stack.sh down         stop everything
#   deploy/local/stack.sh status       show what runs
#
# Flink's JobManager and TaskManagers serve Prometheus metrics on the first free ports of
# FLINK_PROMETHEUS_PORTS (9249-9259); each process logs the one it took.
#
# Submit the job to the Flink cluster with ./detector submit (see README). State lives in .stack/
# at the repository root (git-ignored). Ports: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# ES_PORT (9200), ES_TRANSPORT_PORT (9300), FLINK_REST_PORT (8081), FLINK_RPC_PORT (6123).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
STACK="${AGENTWATCH_STACK_DIR:-$ROOT/.stack}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
ES_PORT="${ES_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-9300}"
ES_VERSION=8.19.21
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
FLINK_TASKMANAGERS="${FLINK_TASKMANAGERS:-2}"
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9249-9259}"
TOPICS=(agent-access-events agentwatch-alerts)
# Flink on Java 17 needs these opens for its reflective serializers (as in Flink's own scripts).
FLINK_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
)

say() { echo "stack: $*" >&2; }
die() { echo "stack: error: $*" >&2; exit 1; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

java_home() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

resolve() {
  mkdir -p "$STACK"
  if [[ ! -f "$STACK/kafka.classpath" ]]; then
    say "resolving Kafka from Maven Central..."
    mvn -B -q -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$STACK/kafka.classpath" >&2 \
      || die "could not resolve Kafka with Maven (is Maven Central reachable?)"
  fi
  if [[ ! -d "$STACK/elasticsearch-$ES_VERSION" ]]; then
    say "fetching Elasticsearch $ES_VERSION from Maven Central..."
    mvn -B -q -f "$HERE/pom.xml" dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$STACK" >&2 || die "could not fetch the Elasticsearch zip with Maven"
    (cd "$STACK" && unzip -q -o "elasticsearch-$ES_VERSION.zip" && rm -f "elasticsearch-$ES_VERSION.zip")
  fi
}

resolve_flink() {
  mkdir -p "$STACK"
  if [[ ! -f "$STACK/flink.classpath" ]]; then
    say "resolving Flink from Maven Central..."
    mvn -B -q -f "$HERE/flink-pom.xml" dependency:build-classpath -Dmdep.outputFile="$STACK/flink.classpath" >&2 \
      || die "could not resolve Flink with Maven (is Maven Central reachable?)"
  fi
}

# The JVM flags and dynamic memory settings Flink's own scripts compute (BashJavaUtils).
flink_params() {
  java -cp "$(cat "$STACK/flink.classpath")" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$STACK/flink/conf" 2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_process() { # name main-class params-kind [dynamic properties...]
  local name="$1" main="$2" kind="$3"; shift 3
  local dir="$STACK/flink" params jvm dyn
  params="$(flink_params "$kind")"
  jvm="$(sed -n 1p <<<"$params")"; dyn="$(sed -n 2p <<<"$params")"
  # shellcheck disable=SC2086
  nohup java $jvm "${FLINK_OPENS[@]}" "-Dlog.file=$dir/log/$name.log" \
    "-Dlog4j.configurationFile=$HERE/log4j2-flink.properties" -cp "$(cat "$STACK/flink.classpath")" \
    "$main" --configDir "$dir/conf" $dyn "$@" >"$dir/log/$name.out" 2>&1 &
  echo $! > "$dir/$name.pid"
}

flink_taskmanagers() {
  curl -fs "http://127.0.0.1:$FLINK_REST_PORT/overview" 2>/dev/null | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'
}

flink_up() {
  local dir="$STACK/flink"
  if alive "$dir/jobmanager.pid"; then
    say "Flink already running on http://127.0.0.1:$FLINK_REST_PORT (pid $(cat "$dir/jobmanager.pid"))"; return
  fi
  # TaskManagers left from a JobManager that died would fight the new ones over their ids.
  local f; for f in "$dir"/taskmanager-*.pid; do [[ -e "$f" ]] && stop "stale Flink $(basename "$f" .pid)" "$f"; done
  port_open "$FLINK_REST_PORT" && die "port $FLINK_REST_PORT is taken by something else; set FLINK_REST_PORT"
  mkdir -p "$dir/conf" "$dir/log" "$dir/checkpoints" "$dir/savepoints"
  cat > "$dir/conf/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: 2
taskmanager.memory.process.size: 1536m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
parallelism.default: 2
execution.checkpointing.dir: file://$dir/checkpoints
execution.checkpointing.savepoint-dir: file://$dir/savepoints
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 2147483647
restart-strategy.fixed-delay.delay: 5s
# A lost TaskManager is noticed within 20 s (Flink: 50 s), so a failover is quick locally.
heartbeat.timeout: 20000
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $FLINK_PROMETHEUS_PORTS
YAML
  flink_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$FLINK_REST_PORT/overview" >/dev/null 2>&1 && break
    alive "$dir/jobmanager.pid" || die "the Flink JobManager exited; see $dir/log/jobmanager.log"
    sleep 1
  done
  for i in $(seq 1 "$FLINK_TASKMANAGERS"); do
    flink_process "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
      -D "taskmanager.resource-id=taskmanager-$i"
  done
  for _ in $(seq 1 60); do
    [[ "$(flink_taskmanagers)" == "$FLINK_TASKMANAGERS" ]] && break
    sleep 1
  done
  [[ "$(flink_taskmanagers)" == "$FLINK_TASKMANAGERS" ]] \
    || die "only $(flink_taskmanagers) of $FLINK_TASKMANAGERS TaskManagers registered; see $dir/log/"
  say "Flink up on http://127.0.0.1:$FLINK_REST_PORT ($FLINK_TASKMANAGERS TaskManagers, $((2 * FLINK_TASKMANAGERS)) slots)"
}

flink_down() {
  local dir="$STACK/flink" f
  for f in "$dir"/taskmanager-*.pid; do
    [[ -e "$f" ]] && stop "Flink $(basename "$f" .pid)" "$f"
  done
  stop "Flink JobManager" "$dir/jobmanager.pid"
}

kafka_up() {
  local dir="$STACK/kafka" pid="$STACK/kafka/kafka.pid"
  if alive "$pid"; then say "Kafka already running on 127.0.0.1:$KAFKA_PORT (pid $(cat "$pid"))"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by something else; set KAFKA_PORT"
  mkdir -p "$dir/data" "$dir/logs"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local cp; cp="$(cat "$STACK/kafka.classpath")"
  local jopts=(-Xmx512m "-Dkafka.logs.dir=$dir/logs" "-Dlog4j2.configurationFile=$HERE/log4j2-kafka.properties")
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local id; id="$(java -cp "$cp" "${jopts[@]}" kafka.tools.StorageTool random-uuid)"
    java -cp "$cp" "${jopts[@]}" kafka.tools.StorageTool format --standalone -t "$id" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1 \
      || die "formatting Kafka storage failed; see $dir/logs/format.log"
  fi
  nohup java -cp "$cp" "${jopts[@]}" kafka.Kafka "$dir/server.properties" >"$dir/logs/stdout.log" 2>&1 &
  echo $! > "$pid"
  for _ in $(seq 1 60); do
    port_open "$KAFKA_PORT" && break
    alive "$pid" || die "Kafka exited; see $dir/logs/stdout.log and $dir/logs/server.log"
    sleep 1
  done
  port_open "$KAFKA_PORT" || die "Kafka did not open 127.0.0.1:$KAFKA_PORT in 60 s; see $dir/logs/"
  for t in "${TOPICS[@]}"; do
    java -cp "$cp" "${jopts[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
      --create --if-not-exists --topic "$t" --partitions 2 --replication-factor 1 >/dev/null 2>>"$dir/logs/topics.log" \
      || die "creating topic $t failed; see $dir/logs/topics.log"
  done
  say "Kafka up on 127.0.0.1:$KAFKA_PORT (topics: ${TOPICS[*]})"
}

es_up() {
  local home="$STACK/elasticsearch-$ES_VERSION" dir="$STACK/es" pid="$STACK/es/es.pid"
  if alive "$pid"; then say "Elasticsearch already running on http://127.0.0.1:$ES_PORT (pid $(cat "$pid"))"; return; fi
  port_open "$ES_PORT" && die "port $ES_PORT is taken by something else; set ES_PORT"
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  cat > "$home/config/elasticsearch.yml" <<YML
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
path.data: $dir/data
path.logs: $dir/logs
YML
  local run=("$home/bin/elasticsearch")
  if [[ "$(id -u)" == 0 ]]; then
    # Elasticsearch refuses to run as root: run it as nobody, with every parent folder traversable.
    chown -R nobody:nogroup "$home" "$dir"
    local p="$STACK"; while [[ "$p" != / ]]; do
      [[ -x "$p" ]] && setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$p" \
        || die "$p is not traversable by user nobody; set AGENTWATCH_STACK_DIR to a folder outside it (e.g. /tmp/agentwatch-stack)"
      p="$(dirname "$p")"
    done
    run=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${run[@]}")
  fi
  ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="-Xms512m -Xmx512m" ES_TMPDIR="$dir/tmp" nohup "${run[@]}" >"$dir/logs/stdout.log" 2>&1 &
  echo $! > "$pid"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1 && break
    alive "$pid" || die "Elasticsearch exited; see $dir/logs/stdout.log"
    sleep 1
  done
  curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=60s" >/dev/null \
    || die "Elasticsearch did not become healthy; see $dir/logs/"
  say "Elasticsearch up on http://127.0.0.1:$ES_PORT"
}

stop() {
  local name="$1" pid="$2"
  if alive "$pid"; then
    local p; p="$(cat "$pid")"
    pkill -TERM -P "$p" 2>/dev/null || true
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -9 "$p" 2>/dev/null || true
    say "$name stopped"
  else
    say "$name was not running"
  fi
  rm -f "$pid"
}

case "${1:-}" in
  up) resolve; resolve_flink; kafka_up; es_up; flink_up
      say "ready: ./detector submit -- run --kafka 127.0.0.1:$KAFKA_PORT --es http://127.0.0.1:$ES_PORT --alerts-topic agentwatch-alerts" ;;
  up-data) resolve; kafka_up; es_up
      say "ready: ./detector run --kafka 127.0.0.1:$KAFKA_PORT --es http://127.0.0.1:$ES_PORT --alerts-topic agentwatch-alerts" ;;
  flink-up) resolve_flink; flink_up ;;
  flink-down) flink_down ;;
  kafka-up) resolve; kafka_up ;;
  kafka-down) stop Kafka "$STACK/kafka/kafka.pid" ;;
  es-up) resolve; es_up ;;
  es-down) stop Elasticsearch "$STACK/es/es.pid" ;;
  down) flink_down; stop Elasticsearch "$STACK/es/es.pid"; stop Kafka "$STACK/kafka/kafka.pid" ;;
  status)
    if alive "$STACK/kafka/kafka.pid"; then say "Kafka: running on 127.0.0.1:$KAFKA_PORT"; else say "Kafka: stopped"; fi
    if alive "$STACK/es/es.pid"; then say "Elasticsearch: running on http://127.0.0.1:$ES_PORT"; else say "Elasticsearch: stopped"; fi
    if alive "$STACK/flink/jobmanager.pid"; then
      say "Flink: running on http://127.0.0.1:$FLINK_REST_PORT ($(flink_taskmanagers) TaskManagers)"
    else say "Flink: stopped"; fi ;;
  *) echo "usage: $0 up|up-data|flink-up|flink-down|kafka-up|kafka-down|es-up|es-down|down|status" >&2; exit 2 ;;
esac
