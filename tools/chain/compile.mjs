// Compiles chain-gateway's Solidity sources with the pinned solc-js (offline, deterministic settings)
// and writes the ABI and creation bytecode that chain-gateway loads at run time.
//
//   node tools/chain/compile.mjs          rewrite the committed artefacts
//   node tools/chain/compile.mjs --check  exit 1 when the committed artefacts differ from the source
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const solc = require('solc');
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const sourceDir = join(root, 'chain-gateway', 'contracts');
const outDir = join(root, 'chain-gateway', 'src', 'main', 'resources', 'contracts');
const contracts = ['OreToken'];
const check = process.argv.includes('--check');

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(contracts.map((c) => [`${c}.sol`, { content: readFileSync(join(sourceDir, `${c}.sol`), 'utf8') }])),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    // No metadata hash in the bytecode: the artefact then depends only on source text and settings.
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(2);

let stale = 0;
for (const c of contracts) {
  const compiled = output.contracts[`${c}.sol`][c];
  const files = {
    [`${c}.abi.json`]: JSON.stringify(compiled.abi, null, 2) + '\n',
    [`${c}.bin`]: compiled.evm.bytecode.object + '\n',
  };
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    if (check) {
      let current = null;
      try { current = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
      if (current !== text) { console.error(`stale: ${path} (run: node tools/chain/compile.mjs)`); stale++; }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
}
console.log(`solc ${solc.version()}${check ? (stale ? `: ${stale} stale artefact(s)` : ': artefacts match the source') : ''}`);
process.exit(stale ? 1 : 0);
