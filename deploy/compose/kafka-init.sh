#!/bin/bash
# One-shot of the compose stack: creates the Kafka topics of docs/contracts.md on the single-node
# broker, then exits 0. The services never create topics themselves (MSK Serverless does not
# auto-create either), and the broker here runs with auto-creation off so that a topic missing from
# this list shows up locally instead of in production. Safe to run again: existing topics are kept.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
partitions="${ORE_KAFKA_PARTITIONS:-6}"
topics=(
  ore.user.lifecycle
  ore.location.tracked
  ore.location.cheat
  ore.game.events
  ore.rewards.requested
  ore.rewards.settled
  ore.chain.events
)

for topic in "${topics[@]}"; do
  # Retention as in production (7 days); replication 1 because there is one broker. The consumers'
  # processed_event rows are kept longer (ore.inbox.retention, 30d): raise that with this.
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 \
    --config retention.ms=604800000
done

/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --describe --topic 'ore\..*' \
  | grep -E '^Topic:' || true
echo "kafka-init: ${#topics[@]} topics ready on $bootstrap"
