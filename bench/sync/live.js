// PouchDB's live replication, measured like Daftar's save to seen: two local databases each
// syncing with express-pouchdb on loopback (`sync` with live: true, retry: true, continuous
// changes feeds); a register of 40 attendance documents written on A with one bulkDocs, and
// the time until all 40 are readable on B. node live.js REGISTERS SIZE
// Prints progress on stderr and one JSON line {p50, p95, samples} (seconds) on stdout.
const fs = require('fs');
const os = require('os');
const path = require('path');
const PouchDB = require('pouchdb');
const { startServer } = require('./start');

const [registers, size] = process.argv.slice(2).map(Number);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'daftar-pouchdb-live-'));
const Local = PouchDB.defaults({ prefix: work + path.sep });
const log = (...args) => console.error('pouchdb live:', ...args);

async function main() {
  const { child, url: server } = await startServer(work);
  const url = `${server}/school`;
  await new PouchDB(url).info();
  const a = new Local('a');
  const b = new Local('b');
  const syncs = [a, b].map((db) => db.sync(url, { live: true, retry: true }));
  // B counts each register's documents as its changes feed brings them.
  const seen = new Map();
  const waiting = new Map();
  b.changes({ since: 'now', live: true }).on('change', (change) => {
    const register = change.id.split(':')[1];
    const n = (seen.get(register) ?? 0) + 1;
    seen.set(register, n);
    if (n === size && waiting.has(register)) waiting.get(register)();
  });
  const samples = [];
  for (let r = 0; r < registers; r++) {
    const register = `r${r}`;
    const docs = Array.from({ length: size }, (_, i) => ({
      _id: `attendance:${register}:${i}`,
      student_id: `s${i}`,
      date: '2030-01-01',
      status: i % 7 === 0 ? 'absent' : 'present',
    }));
    const done = new Promise((resolve) => waiting.set(register, resolve));
    const start = process.hrtime.bigint();
    await a.bulkDocs(docs);
    await done;
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
    // A register every few seconds, as a school's teachers would send them.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  syncs.forEach((s) => s.cancel());
  child.kill();
  samples.sort((x, y) => x - y);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  log(`${registers} registers of ${size}`);
  console.log(JSON.stringify({ p50: at(0.5), p95: at(0.95), samples: samples.length }));
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
