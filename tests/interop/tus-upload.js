#!/usr/bin/env node
// Uploads one CamAgent record to an ingest server with tus-js-client, an independent tus 1.0.0
// client, over mutual TLS, in 16 KiB PATCHes.
//
// Usage: node tus-upload.js --endpoint https://host:port/files/ --content FILE --manifest FILE
//                           --cert FILE --key FILE --ca FILE [--cut-at OFFSET]
// Certificates and the key are PEM files; the key is read from its file, never passed on the
// command line. With --cut-at, the link is cut inside the PATCH that carries byte OFFSET, right
// after the bytes before OFFSET were handed to the network, and a second tus-js-client Upload
// resumes from the upload URL the first one was given (HEAD, then PATCH from the server's offset).
//
// Prints one JSON object: { url, offset, receipt, resumedFrom, requests } where receipt is the
// CamAgent-Receipt of the answer that completed the upload (base64, or null) and requests lists
// "METHOD status" of every exchange. Exits 0 when the upload completed, 1 otherwise.
'use strict';
const fs = require('fs');
const { parseArgs } = require('util');
const { Upload, DefaultHttpStack } = require('tus-js-client');

const CHUNK_SIZE_BYTES = 16 * 1024;

/**
 * Wraps tus-js-client's Node HTTP stack to cut the link once, like a radio that drops mid-PATCH:
 * the PATCH carrying byte `cutAt` announces its full Content-Length, sends only the bytes before
 * `cutAt`, and its socket is destroyed once those are written.
 */
class LinkCuttingStack {
  constructor(inner, cutAt) {
    this.inner = inner;
    this.cutAt = cutAt;
    this.cut = false;
  }

  createRequest(method, url) {
    const request = this.inner.createRequest(method, url);
    if (method !== 'PATCH') {
      return request;
    }
    const send = request.send.bind(request);
    request.send = (body) => {
      const start = Number(request.getHeader('Upload-Offset'));
      if (this.cut || body === null || this.cutAt >= start + body.length) {
        return send(body);
      }
      this.cut = true;
      const partial = body.subarray(0, this.cutAt - start);
      partial.size = body.length;
      const sent = send(partial);
      const outgoing = request.getUnderlyingObject();
      outgoing.once('finish', () => outgoing.destroy(new Error(`link cut at byte ${this.cutAt}`)));
      return sent;
    };
    return request;
  }

  getName() {
    return 'LinkCuttingStack';
  }
}

function options(args) {
  const { values } = parseArgs({
    args,
    options: {
      endpoint: { type: 'string' },
      content: { type: 'string' },
      manifest: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      ca: { type: 'string' },
      'cut-at': { type: 'string' },
    },
  });
  for (const name of ['endpoint', 'content', 'manifest', 'cert', 'key', 'ca']) {
    if (!values[name]) {
      throw new Error(`--${name} is required`);
    }
  }
  return values;
}

/** One tus-js-client Upload; resolves with its URL when it succeeds, rejects with its error. */
function upload(content, settings) {
  return new Promise((resolve, reject) => {
    const tus = new Upload(content, {
      ...settings,
      chunkSize: CHUNK_SIZE_BYTES,
      onSuccess: () => resolve(tus.url),
      onError: (error) => reject(Object.assign(error, { url: tus.url })),
    });
    tus.start();
  });
}

async function main(args) {
  const given = options(args);
  const content = fs.readFileSync(given.content);
  const manifest = fs.readFileSync(given.manifest);
  const tls = {
    cert: fs.readFileSync(given.cert),
    key: fs.readFileSync(given.key),
    ca: fs.readFileSync(given.ca),
  };
  const result = { url: null, offset: 0, receipt: null, resumedFrom: null, requests: [] };
  const settings = {
    endpoint: given.endpoint,
    retryDelays: null,
    onBeforeRequest: (request) => {
      // The manifest is binary (COSE_Sign1). tus-js-client's `metadata` option encodes values as
      // UTF-8 text, which would corrupt it, so the header is set here as the protocol defines it:
      // "manifest " + base64 of the manifest bytes.
      if (request.getMethod() === 'POST') {
        request.setHeader('Upload-Metadata', `manifest ${manifest.toString('base64')}`);
      }
    },
    onAfterResponse: (request, response) => {
      result.requests.push(`${request.getMethod()} ${response.getStatus()}`);
      const offset = response.getHeader('Upload-Offset');
      if (offset !== undefined) {
        result.offset = Number(offset);
      }
      if (request.getMethod() === 'HEAD') {
        result.resumedFrom = Number(offset);
      }
      const receipt = response.getHeader('CamAgent-Receipt');
      if (receipt !== undefined) {
        result.receipt = receipt;
      }
    },
  };

  const direct = new DefaultHttpStack(tls);
  if (given['cut-at'] === undefined) {
    result.url = await upload(content, { ...settings, httpStack: direct });
  } else {
    const cutting = new LinkCuttingStack(direct, Number(given['cut-at']));
    const interrupted = await upload(content, { ...settings, httpStack: cutting }).then(
      () => { throw new Error('the upload finished although the link was cut'); },
      (error) => error,
    );
    if (!cutting.cut || !interrupted.url) {
      throw interrupted;
    }
    result.url = await upload(content, { ...settings, httpStack: direct, uploadUrl: interrupted.url });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`tus-upload: ${error.message}\n`);
    process.exit(1);
  },
);
