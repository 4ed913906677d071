// PouchDB 9 (leveldb) replicating the rows of Daftar's sync benchmark from express-pouchdb on
// loopback, measured like Daftar's side: the whole school into a fresh database (initial), and
// one day's attendance changed on one database, pushed, and pulled by another (incremental).
// node pouchdb.js ROWS.ndjson DAY.txt   (DAY.txt: the day, then the changed docs' ids)
// Prints progress on stderr and one JSON line of figures on stdout.
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');
const PouchDB = require('pouchdb');
const { startServer } = require('./start');

const [rowsFile, dayFile] = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'daftar-pouchdb-'));
const Local = PouchDB.defaults({ prefix: work + path.sep });
const log = (...args) => console.error('pouchdb:', ...args);
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const BATCH = 1000;

async function seed(remote, filter) {
  const lines = readline.createInterface({ input: fs.createReadStream(rowsFile) });
  let batch = [];
  let count = 0;
  for await (const line of lines) {
    if (!line) continue;
    const doc = JSON.parse(line);
    if (!filter(doc)) continue;
    batch.push(doc);
    if (batch.length === 5000) {
      await remote.bulkDocs(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await remote.bulkDocs(batch);
    count += batch.length;
  }
  return count;
}

async function main() {
  const [day, ...ids] = fs.readFileSync(dayFile, 'utf8').trim().split('\n');
  const { child, url } = await startServer(work);
  try {
    // Initial: the whole school.
    const school = new PouchDB(`${url}/school`);
    let start = process.hrtime.bigint();
    const seeded = await seed(school, () => true);
    log(`seeded ${seeded} docs into express-pouchdb in ${seconds(start).toFixed(1)} s`);
    const fresh = new Local('fresh');
    start = process.hrtime.bigint();
    await PouchDB.replicate(school, fresh, { batch_size: BATCH });
    const initialSeconds = seconds(start);
    const initialDocs = (await fresh.info()).doc_count;
    log(`initial: ${initialDocs} docs in ${initialSeconds.toFixed(1)} s`);

    // Incremental, on a database of two weeks' attendance around the day (changes, not size,
    // decide incremental replication): both desktops hold it, one changes a day, pushes,
    // the other pulls.
    const last = new Date(Date.parse(day) + 13 * 86400e3).toISOString().slice(0, 10);
    const weeks = new PouchDB(`${url}/weeks`);
    await seed(weeks, (d) => d.table === 'attendance' && d.date >= day && d.date <= last);
    const a = new Local('a');
    const b = new Local('b');
    await PouchDB.replicate(weeks, a, { batch_size: BATCH });
    await PouchDB.replicate(weeks, b, { batch_size: BATCH });
    // The first push after a pull compares every doc; do it before measuring.
    await PouchDB.replicate(a, weeks, { batch_size: BATCH });
    const docs = (await a.allDocs({ keys: ids, include_docs: true })).rows
      .filter((r) => r.doc)
      .map((r) => ({ ...r.doc, status: r.doc.status === 'present' ? 'late' : 'present' }));
    await a.bulkDocs(docs);
    start = process.hrtime.bigint();
    await PouchDB.replicate(a, weeks, { batch_size: BATCH });
    const pushSeconds = seconds(start);
    start = process.hrtime.bigint();
    const pulled = await PouchDB.replicate(weeks, b, { batch_size: BATCH });
    const pullSeconds = seconds(start);
    log(`incremental: ${docs.length} docs pushed in ${pushSeconds.toFixed(3)} s, ${pulled.docs_written} pulled in ${pullSeconds.toFixed(3)} s`);
    console.log(JSON.stringify({
      initial_seconds: initialSeconds,
      initial_docs: initialDocs,
      push_seconds: pushSeconds,
      pull_seconds: pullSeconds,
      changed_docs: docs.length,
    }));
  } finally {
    child.kill();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
