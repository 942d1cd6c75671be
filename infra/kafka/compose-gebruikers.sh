#!/bin/sh
# docker compose's kafka-gebruikers step (apache/kafka image): the SCRAM-SHA-256 users of the
# services, the operator and every instelling, created as the administrator over the broker's PLAIN
# administration listener. Passwords come from the environment (.env, made by
# `node infra/kafka/kafka.js compose-env`); they are never written into the repo.
set -eu
: "${BRON_KAFKA_BEHEER_WACHTWOORD:?}" "${BRON_KAFKA_INSTELLINGEN:?}"
config=/tmp/beheer.properties
umask 077
cat > "$config" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="bron-beheer" password="${BRON_KAFKA_BEHEER_WACHTWOORD}";
PROPS

gebruiker() {
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka:9094 --command-config "$config" \
    --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-256=[password=$2]" >/dev/null
  echo "SCRAM-gebruiker $1"
}

gebruiker bron-operator "${BRON_KAFKA_OPERATOR_WACHTWOORD:?}"
gebruiker bron-aanlevering "${BRON_KAFKA_AANLEVERING_WACHTWOORD:?}"
gebruiker bron-bekostiging "${BRON_KAFKA_BEKOSTIGING_WACHTWOORD:?}"
gebruiker bron-foto "${BRON_KAFKA_FOTO_WACHTWOORD:?}"
gebruiker bron-notificatie "${BRON_KAFKA_NOTIFICATIE_WACHTWOORD:?}"
for paar in $(echo "$BRON_KAFKA_INSTELLINGEN" | tr ',' ' '); do
  gebruiker "instelling-${paar%%:*}" "${paar#*:}"
done
rm -f "$config"
