#!/bin/sh
# One-shot of the compose stack: deploys the ORE token on the local anvil chain, so chain-gateway
# has a contract to pay from and to index, then exits 0.
#
# The token is the bytecode the repository carries (chain-gateway/src/main/resources/contracts/,
# compiled by tools/chain/compile.mjs), deployed with the constructor argument `initialSupply`;
# the whole supply goes to the deployer, which is also chain-gateway's signer (the treasury).
# The deployer is anvil's well-known development account 0. A contract's address depends only on
# its deployer and the deployer's nonce, so the first transaction of a fresh anvil always creates
# the token at 0x5FbDB2315678afecb367f032d93F642f64180aa3: the address compose hands chain-gateway
# (ORE_CHAIN_TOKEN_ADDRESS). This script checks that instead of trusting it: it refuses to deploy
# when the deployer's next contract would land anywhere else (the account was used first).
# Running it again against a chain that already has the token does nothing.
set -eu

rpc="${ANVIL_RPC_URL:-http://anvil:8545}"
key="${DEPLOYER_PRIVATE_KEY:?the deployer key (anvil dev account 0) is required}"
expected="${ORE_CHAIN_TOKEN_ADDRESS:?the expected token address is required}"
supply="${ORE_TOKEN_INITIAL_SUPPLY:-1000000000000000000000000000}"   # 1e9 ORE, 18 decimals
bin="${ORE_TOKEN_BYTECODE:-/contracts/OreToken.bin}"

lower() { printf '%s' "$1" | tr 'A-F' 'a-f'; }

code=$(cast code --rpc-url "$rpc" "$expected")
if [ "$code" != "0x" ]; then
  echo "deploy-token: the ORE token is already at $expected"
  exit 0
fi

deployer=$(cast wallet address --private-key "$key")
nonce=$(cast nonce --rpc-url "$rpc" "$deployer")
predicted=$(cast compute-address --nonce "$nonce" "$deployer" | awk '{print $NF}')
if [ "$(lower "$predicted")" != "$(lower "$expected")" ]; then
  echo "deploy-token: $deployer (nonce $nonce) would create the token at $predicted, not at" \
       "$expected; start from a fresh anvil (docker compose down, then up) or set" \
       "ORE_CHAIN_TOKEN_ADDRESS to the address this chain gives" >&2
  exit 1
fi

args=$(cast abi-encode "constructor(uint256)" "$supply")
bytecode="0x$(tr -d ' \r\n' < "$bin")${args#0x}"
cast send --rpc-url "$rpc" --private-key "$key" --create "$bytecode" >/dev/null

code=$(cast code --rpc-url "$rpc" "$expected")
if [ "$code" = "0x" ]; then
  echo "deploy-token: the deployment was mined but $expected holds no code" >&2
  exit 1
fi
echo "deploy-token: ORE token deployed at $expected by $deployer (supply $supply)"
