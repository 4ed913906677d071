// express-pouchdb over leveldb on a loopback port: the "cloud" PouchDB replicates with.
// node server.js DIR PORT
const path = require('path');
const express = require('express');
const PouchDB = require('pouchdb');

const [dir, port] = process.argv.slice(2);
const Local = PouchDB.defaults({ prefix: dir + path.sep });
const app = express();
app.use('/', require('express-pouchdb')(Local, {
  mode: 'minimumForPouchDB',
  logPath: path.join(dir, 'log.txt'),
  configPath: path.join(dir, 'config.json'),
}));
app.listen(Number(port), '127.0.0.1', () => console.log('ready'));
