#!/usr/bin/env node
// Runs @tus/server with @tus/file-store, an independent tus 1.0.0 server, on 127.0.0.1 over
// HTTPS that requires a client certificate issued by the given device CA.
//
// Usage: node tus-server.js --directory DIR --cert FILE --key FILE --device-ca FILE --root-ca FILE
// cert is the server's PEM certificate chain, key its PEM private key (read from the file, never
// passed on the command line), device-ca the PEM certificate of the CA that issues device
// certificates and root-ca the root that issued it. A client must present a certificate that
// chains to the root and was issued directly by the device CA; other connections are closed.
// Prints "listening on <port>" once it accepts connections (an ephemeral port) and exits when its
// standard input closes, so the process that started it cannot leave it running.
//
// Uploads are stored by @tus/file-store: DIR/<id> holds the bytes, DIR/<id>.json the upload's
// size and metadata.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const { parseArgs } = require('util');
const { Server } = require('@tus/server');
const { FileStore } = require('@tus/file-store');

const MANIFEST_KEY = 'manifest';

function options(args) {
  const { values } = parseArgs({
    args,
    options: {
      directory: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'device-ca': { type: 'string' },
      'root-ca': { type: 'string' },
    },
  });
  for (const name of ['directory', 'cert', 'key', 'device-ca', 'root-ca']) {
    if (!values[name]) {
      throw new Error(`--${name} is required`);
    }
  }
  return values;
}

/** The Upload-Metadata value of `key` exactly as the client sent it (base64), or undefined. */
function rawMetadataValue(header, key) {
  for (const pair of (header || '').split(',')) {
    const [name, value] = pair.trim().split(' ');
    if (name === key) {
      return value;
    }
  }
  return undefined;
}

function main(args) {
  const given = options(args);
  const tus = new Server({
    path: '/files',
    datastore: new FileStore({ directory: given.directory }),
    // Without a proxy in front, @tus/server would build an absolute http:// Location; a relative
    // one is right for any scheme and host.
    relativeLocation: true,
    // @tus/server decodes metadata values as UTF-8 text, which corrupts a binary value such as
    // the COSE manifest; keep the manifest as sent (base64) so that it can be checked.
    onUploadCreate: async (request, upload) => {
      const manifest = rawMetadataValue(request.headers.get('upload-metadata'), MANIFEST_KEY);
      return manifest === undefined ? {} : { metadata: { ...upload.metadata, [MANIFEST_KEY]: manifest } };
    },
  });
  const deviceCa = new crypto.X509Certificate(fs.readFileSync(given['device-ca']));
  const server = https.createServer(
    {
      cert: fs.readFileSync(given.cert),
      key: fs.readFileSync(given.key),
      ca: [deviceCa.toString(), fs.readFileSync(given['root-ca'])],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (request, response) => tus.handle(request, response),
  );
  // OpenSSL has checked the chain up to the root; the root also issues server certificates, so
  // only certificates the device CA issued directly are let through.
  server.on('secureConnection', (socket) => {
    const peer = socket.getPeerX509Certificate();
    if (!peer || !peer.checkIssued(deviceCa) || !peer.verify(deviceCa.publicKey)) {
      socket.destroy();
    }
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening on ${server.address().port}\n`);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`tus-server: ${error.message}\n`);
  process.exit(2);
}
