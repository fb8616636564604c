// The seed's Node mock as REFERENCE §7 describes it (the data-only dialect), as a yardstick
// for `loadtwin mock`'s CPU per stream (bench/run_mock_vs_node.sh). Node 20, node:http only.
// Every POST /v1/messages: with probability ERROR_RATE (default 0.005) a 500 with
// {"error":"Simulated failure"}; else a chunked text/event-stream that writes, after 100 ms,
// `data: {"type":"content_block_start"}`, then 50 deltas each 20 ms after the previous write
// (chained setTimeout, as the seed does), then ends.
// Usage: node bench/node_mock.js [PORT]   (env ERROR_RATE=0 for the bench)
'use strict';
const http = require('node:http');

const port = Number(process.argv[2] || 3456);
const errorRate = Number(process.env.ERROR_RATE ?? 0.005);
const firstDelayMs = 100;
const tokens = 50;
const intervalMs = 20;
const start = 'data: {"type":"content_block_start"}\n\n';
const delta = 'data: {"type":"content_block_delta","delta":{"text":"token "}}\n\n';

function stream(res) {
  let sent = 0;
  let timer = null;
  const next = () => {
    res.write(delta);
    sent += 1;
    if (sent < tokens) timer = setTimeout(next, intervalMs);
    else res.end();
  };
  timer = setTimeout(() => {
    res.write(start);
    timer = setTimeout(next, intervalMs);
  }, firstDelayMs);
  res.on('close', () => clearTimeout(timer)); // the client went away: stop writing
}

function answer(req, res) {
  if (req.method !== 'POST' || req.url !== '/v1/messages') {
    res.writeHead(404);
    res.end();
    return;
  }
  if (Math.random() < errorRate) {
    res.writeHead(500);
    res.end('{"error":"Simulated failure"}');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  stream(res);
}

const server = http.createServer((req, res) => {
  req.resume(); // the body is not looked at, only read to its end
  req.on('end', () => answer(req, res));
});
server.listen({ host: '127.0.0.1', port, backlog: 4096 });
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
