// Run by tests/test_explorer_format.py: `node --test` with DRUGRESIST_FIXTURE naming a folder in
// which the Python side wrote data.json (an explorer's static data, as the page ships it, decoded
// from gzip+base64) and expected.json (the constants of drugresist.scene and every state read
// back by drugresist.scene.resolve). The script under test is drugresist/static/drugresist-explorer.js.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const root = path.resolve(__dirname, "..", "..");
const explorer = require(path.join(root, "drugresist", "static", "drugresist-explorer.js"));
const fixture = process.env.DRUGRESIST_FIXTURE;
const expected = JSON.parse(fs.readFileSync(path.join(fixture, "expected.json"), "utf8"));
// the payload exactly as the page carries it: base64 of gzip of the JSON
const data = JSON.parse(zlib.gunzipSync(Buffer.from(fs.readFileSync(path.join(fixture, "payload.txt"), "utf8"), "base64")).toString("utf8"));

function close(a, b, where) {
  if (a === null || b === null) { assert.equal(a, b, where); return; }
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${where}: ${a} vs ${b}`);
}

function same(actual, wanted, where) {
  if (Array.isArray(wanted)) {
    assert.ok(Array.isArray(actual), `${where}: not an array`);
    assert.equal(actual.length, wanted.length, `${where}: length`);
    wanted.forEach((w, i) => same(actual[i], w, `${where}[${i}]`));
  } else if (wanted !== null && typeof wanted === "object") {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(wanted).sort(), `${where}: keys`);
    for (const key of Object.keys(wanted)) same(actual[key], wanted[key], `${where}.${key}`);
  } else if (typeof wanted === "number" || wanted === null) {
    close(actual, wanted, where);
  } else {
    assert.equal(actual, wanted, where);
  }
}

test("the script's tables are the Python encoder's", () => {
  assert.equal(explorer.FORMAT_VERSION, expected.version);
  assert.equal(data.version, expected.version);
  assert.equal(explorer.DIGITS, expected.digits);
  assert.equal(explorer.LEVELS, expected.levels);
  assert.deepEqual(explorer.DATA_KEYS, expected.data_keys);
});

test("arrays decode to the Python values (gaps included)", () => {
  expected.arrays.forEach((values, i) => {
    if (values === "cells") return;
    same(explorer.decode(data.arrays[i]).map((v) => (Number.isNaN(v) ? null : v)), values, `arrays[${i}]`);
  });
});

test("every state reads back as in Python: lines, areas, texts, images, legends, description", () => {
  const kinds = new Set();
  expected.states.forEach((state, index) => {
    const got = explorer.resolve(data, index);
    same(got, state, `state ${index}`);
    got.items.forEach((item) => kinds.add(item.type));
  });
  for (const kind of ["line", "area", "text", "image"]) assert.ok(kinds.has(kind), `no ${kind} item was checked`);
});
