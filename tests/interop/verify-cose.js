#!/usr/bin/env node
// Verifies CamAgent COSE_Sign1 records with independent implementations:
// cose-js checks the ES256 signature against a given public key, and the `cbor` package decodes
// the payload and re-encodes it canonically to confirm the bytes are in deterministic form.
//
// Usage: node verify-cose.js <public key: 65-byte SEC1 point, hex> <record.cose>...
// Prints one line per file ("OK <file> <payload fields>" or "FAIL <file> <reason>");
// exits 0 only if every file verifies.
'use strict';
const fs = require('fs');
const cose = require('cose-js');
const cbor = require('cbor');

async function check(publicKey, file) {
  const message = fs.readFileSync(file);
  const verifier = { key: { x: publicKey.subarray(1, 33), y: publicKey.subarray(33, 65) } };
  const payload = await cose.sign.verify(message, verifier, { defaultType: cose.sign.Sign1Tag });
  const decoded = cbor.decodeFirstSync(payload);
  const canonical = cbor.encodeCanonical(decoded);
  if (!canonical.equals(payload)) {
    throw new Error('payload is not in canonical CBOR form');
  }
  return decoded instanceof Map ? decoded.size : -1;
}

async function main(args) {
  if (args.length < 2) {
    process.stderr.write('usage: verify-cose.js <public-key-hex> <record.cose>...\n');
    return 2;
  }
  const publicKey = Buffer.from(args[0], 'hex');
  if (publicKey.length !== 65 || publicKey[0] !== 4) {
    process.stderr.write('public key must be a 65-byte uncompressed SEC1 point in hex\n');
    return 2;
  }
  let failures = 0;
  for (const file of args.slice(1)) {
    try {
      const fields = await check(publicKey, file);
      process.stdout.write(`OK ${file} ${fields}\n`);
    } catch (error) {
      failures++;
      process.stdout.write(`FAIL ${file} ${error.message}\n`);
    }
  }
  return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
