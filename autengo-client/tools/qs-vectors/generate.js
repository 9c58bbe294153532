#!/usr/bin/env node
// qs conformance vectors for autengo-client.
//
// The Autengo server parses query strings with the npm package `qs`. The
// Rust test suite (tests/query_conformance.rs) writes every query string the
// client builds to ../../tests/fixtures/qs_inputs.json; this script parses
// each one with `qs` (the current release, and the legacy 6.13.0 from before
// qs 6.14.1 applied arrayLimit to `[]` arrays) and writes the parsed objects
// to ../../tests/fixtures/qs_vectors.json. The Rust tests then assert that
// our query strings are still exactly these and parse into the intended
// objects. CI does not run node: it only reads the committed vectors.
//
// Regenerate (from autengo-client/):
//
//   AUTENGO_UPDATE_QS_INPUTS=1 cargo test -p autengo-client --all-features --test query_conformance
//   cd tools/qs-vectors && npm ci && node generate.js && cd ../..
//   cargo test -p autengo-client --all-features --test query_conformance
//
// (`npm install` instead of `npm ci` to move to a newer qs; commit
// package-lock.json with it.)

'use strict';

const fs = require('fs');
const path = require('path');
const qs = require('qs');
const qsLegacy = require('qs-legacy');

const fixtures = path.join(__dirname, '..', '..', 'tests', 'fixtures');
const inputs = JSON.parse(fs.readFileSync(path.join(fixtures, 'qs_inputs.json'), 'utf8'));

const vectors = inputs.map((c) => ({
  name: c.name,
  kind: c.kind,
  query: c.query,
  parsed: qs.parse(c.query),
  parsed_legacy: qsLegacy.parse(c.query),
}));

const out = {
  generator: 'tools/qs-vectors/generate.js',
  qs_version: require('qs/package.json').version,
  qs_legacy_version: require('qs-legacy/package.json').version,
  vectors,
};

fs.writeFileSync(path.join(fixtures, 'qs_vectors.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${vectors.length} vectors (qs ${out.qs_version}, legacy ${out.qs_legacy_version})`);
