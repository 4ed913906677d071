// Starts server.js (express-pouchdb over leveldb) on a free loopback port under `work`, for
// the PouchDB side of the sync benches; resolves to { child, url } once it listens.
const fs = require('fs');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer(work) {
  const dir = fs.mkdtempSync(path.join(work, 'server-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), dir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

module.exports = { startServer };
