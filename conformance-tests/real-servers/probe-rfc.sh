#!/usr/bin/env bash
# Replays the RFC 6749 refresh-token probes recorded in README.md against one running server and
# prints status line, the interesting headers and the body (tokens redacted to an 8-char prefix).
#
#   bash probe-rfc.sh oidc http://127.0.0.1:43101     # oidc-provider.mjs
#   bash probe-rfc.sh node http://127.0.0.1:43102     # node-oauth2-server.mjs
#   bash probe-rfc.sh mock http://127.0.0.1:43103     # oauth2-mock-server.mjs
#
# Needs curl and jq. Uses the default client secrets / user of the start scripts.
set -u
NAME=${1:?usage: probe-rfc.sh oidc|node|mock BASE_URL}; BASE=${2:?usage: probe-rfc.sh oidc|node|mock BASE_URL}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOK=$BASE/token
A="harness-client:harness-secret"; B="harness-client-2:harness-secret-2"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

redact_json() { jq -c 'walk(if type == "object" then with_entries(if (.key|test("^(access_token|refresh_token|id_token)$")) and (.value|type) == "string" then .value |= (.[0:8] + "…") else . end) else . end)' 2>/dev/null; }
redact_cmd() { sed -E 's/(refresh_token(=|\\"?:\\"?))([A-Za-z0-9_-]{8})[A-Za-z0-9_-]+/\1\3…/g'; }

get_rt() { # [scope]
  case $NAME in
    oidc) node "$HERE/get-oidc-refresh-token.mjs" "$BASE" ${1:+--scope "$1"} | jq -r .refresh_token ;;
    node|mock) curl -s -u $A -d grant_type=password -d username=alice -d password=alice-password \
                 ${1:+--data-urlencode "scope=$1"} "$TOK" | jq -r .refresh_token ;;
    *) echo "unknown server kind $NAME" >&2; exit 2 ;;
  esac
}
req() { # title, curl args...
  local title=$1; shift
  echo "### $title"
  echo "\$ curl $(printf '%q ' "$@" | redact_cmd)"
  curl -s -D "$TMP/h" -o "$TMP/b" "$@"
  head -1 "$TMP/h" | tr -d '\r'
  grep -iE '^(cache-control|pragma|www-authenticate|content-type):' "$TMP/h" | tr -d '\r'
  local body; body=$(redact_json < "$TMP/b") || true
  [[ -n "$body" ]] || body=$(cat "$TMP/b")
  echo "body: $body"
  echo
}
case $NAME in
  oidc) FULL="openid offline_access profile email"; LESS="openid offline_access profile" ;;
  *)    FULL="read write"; LESS="read" ;;
esac

RT0=$(get_rt "$FULL"); echo "RT0=${RT0:0:8}…"
req "1 success" -u $A -d grant_type=refresh_token -d refresh_token=$RT0 "$TOK"
RT1=$(jq -r .refresh_token "$TMP/b"); echo "RT1=${RT1:0:8}… rotated=$([[ "$RT1" != "$RT0" ]] && echo yes || echo no)"; echo
req "2 reuse old RT0" -u $A -d grant_type=refresh_token -d refresh_token=$RT0 "$TOK"
req "3 use newer RT1 after reuse of RT0 (family revocation?)" -u $A -d grant_type=refresh_token -d refresh_token=$RT1 "$TOK"
RT=$(get_rt "$FULL")
req "4 RT of client A, authenticated as client B" -u $B -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
req "4b same RT afterwards with client A (still valid?)" -u $A -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
req "5 unknown/garbage RT" -u $A -d grant_type=refresh_token -d refresh_token=garbage-not-a-token "$TOK"
RT=$(get_rt "$FULL")
req "6 missing grant_type" -u $A -d refresh_token=$RT "$TOK"
req "7 unsupported grant_type=foo" -u $A -d grant_type=foo -d refresh_token=$RT "$TOK"
req "8 wrong client secret (Basic)" -u harness-client:wrong-secret -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
req "8b no client authentication at all" -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
req "8c missing refresh_token parameter" -u $A -d grant_type=refresh_token "$TOK"
RT=$(get_rt "$FULL")
req "9 scope narrower ($LESS)" -u $A -d grant_type=refresh_token -d refresh_token=$RT --data-urlencode "scope=$LESS" "$TOK"
RTN=$(jq -r .refresh_token "$TMP/b")
req "9b refresh again with the RT from 9, no scope (scope of the new RT?)" -u $A -d grant_type=refresh_token -d refresh_token=$RTN "$TOK"
RT=$(get_rt "$LESS")
req "10 scope wider (token granted '$LESS', ask '$FULL')" -u $A -d grant_type=refresh_token -d refresh_token=$RT --data-urlencode "scope=$FULL" "$TOK"
RT=$(get_rt "$FULL")
req "11 GET instead of POST" -u $A "$TOK?grant_type=refresh_token&refresh_token=$RT"
req "12 JSON body instead of form" -u $A -H 'Content-Type: application/json' -d "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"$RT\"}" "$TOK"
req "12b same RT afterwards as form (still valid after 11/12?)" -u $A -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
RT=$(get_rt "$FULL")
req "13 client_secret_post instead of the registered client_secret_basic" -d client_id=harness-client -d client_secret=harness-secret -d grant_type=refresh_token -d refresh_token=$RT "$TOK"
