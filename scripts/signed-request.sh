#!/usr/bin/env bash
# Sends one request signed with an API key's signing secret (HTTP Message Signatures,
# RFC 9421, hmac-sha256), exactly as docs/api-keys.md describes, using only openssl and curl.
#
#   OCTAVIA_URL=http://localhost:8080 OCTAVIA_API_KEY=oct_live_... OCTAVIA_SIGNING_SECRET=octsig_... \
#   METHOD=POST REQUEST_PATH=/api/v1/whoami QUERY='dry_run=true' BODY='{"amount":100}' \
#   scripts/signed-request.sh [extra curl arguments]
#
# Optional: TENANT_ID (sent and signed as x-tenant-id), BRAND_ID (as x-brand-id).
# ApiKeysIntegrationTests (core-api) runs this script against a live server.
set -euo pipefail

: "${OCTAVIA_URL:?the server, e.g. http://localhost:8080}"
: "${OCTAVIA_API_KEY:?the API key, oct_live_...}"
: "${OCTAVIA_SIGNING_SECRET:?the signing secret of the key, octsig_...}"
METHOD=${METHOD:-GET}
REQUEST_PATH=${REQUEST_PATH:-/api/v1/whoami}
QUERY=${QUERY:-}
BODY=${BODY:-}
TENANT_ID=${TENANT_ID:-}
BRAND_ID=${BRAND_ID:-}

# the key id is the third part of oct_<mode>_<keyId>_<secret+checksum>
key_id=$(printf '%s' "$OCTAVIA_API_KEY" | cut -d_ -f3)
# @authority: the Host header curl sends (host, and port when not the default), lower case
authority=$(printf '%s' "$OCTAVIA_URL" | sed -E 's#^[A-Za-z]+://##; s#/.*$##' | tr '[:upper:]' '[:lower:]')
# RFC 9530 Content-Digest of the exact body bytes (also for an empty body)
digest="sha-256=:$(printf '%s' "$BODY" | openssl dgst -sha256 -binary | base64):"
created=$(date +%s)
expires=$((created + 300))
nonce=$(openssl rand -hex 16)

components='"@method" "@authority" "@path" "@query" "content-digest"'
headers=()
lines=""
if [ -n "$TENANT_ID" ]; then
  components="$components \"x-tenant-id\""
  headers+=(-H "x-tenant-id: $TENANT_ID")
  lines="$lines"$'\n'"\"x-tenant-id\": $TENANT_ID"
fi
if [ -n "$BRAND_ID" ]; then
  components="$components \"x-brand-id\""
  headers+=(-H "x-brand-id: $BRAND_ID")
  lines="$lines"$'\n'"\"x-brand-id\": $BRAND_ID"
fi
params="($components);created=$created;expires=$expires;keyid=\"$key_id\";nonce=\"$nonce\";alg=\"hmac-sha256\""

# the signature base: one line per component, joined by \n, no trailing newline
base="\"@method\": $METHOD"$'\n'"\"@authority\": $authority"$'\n'"\"@path\": $REQUEST_PATH"
base="$base"$'\n'"\"@query\": ?$QUERY"$'\n'"\"content-digest\": $digest$lines"
base="$base"$'\n'"\"@signature-params\": $params"
signature=$(printf '%s' "$base" | openssl dgst -sha256 -hmac "$OCTAVIA_SIGNING_SECRET" -binary | base64)

url="$OCTAVIA_URL$REQUEST_PATH"
if [ -n "$QUERY" ]; then
  url="$url?$QUERY"
fi
body_args=()
if [ -n "$BODY" ]; then
  body_args=(-H "Content-Type: application/json" --data-binary "$BODY")
fi
curl -sS -X "$METHOD" "$url" \
  -H "Authorization: Bearer $OCTAVIA_API_KEY" \
  -H "Content-Digest: $digest" \
  -H "Signature-Input: sig1=$params" \
  -H "Signature: sig1=:$signature:" \
  ${headers[@]+"${headers[@]}"} ${body_args[@]+"${body_args[@]}"} "$@"
