// Load driver for the socket bridge: opens customer and rider sockets with the stock event-bus client, has every
// rider send a location at a fixed interval, and measures send-to-delivery latency at the customers of its orders.
// Usage: node bridge-load.js <http://host:port> <jwtSecret> [sockets=5000] [riders=1000] [intervalMs=2000] [seconds=60]
// Customers user_i track order_i (rider_(i mod riders)), as BridgeBenchNode sets up. Prints one JSON summary line.
'use strict';
const path = require('path');
const crypto = require('crypto');
const http = require('http');
const EventBus = require(path.join(__dirname, '../../verticles/socket-bridge/src/test/node/node_modules/@vertx/eventbus-bridge-client.js'));

const [base, secret, socketsArg = '5000', ridersArg = '1000', intervalArg = '2000', secondsArg = '60'] = process.argv.slice(2);
const SOCKETS = +socketsArg;
const RIDERS = +ridersArg;
const CUSTOMERS = SOCKETS - RIDERS;
const INTERVAL = +intervalArg;
const SECONDS = +secondsArg;

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(sub, role) {
  const now = Math.floor(Date.now() / 1000);
  const body = b64({ alg: 'HS256', typ: 'JWT' }) + '.' +
    b64({ sub, role, typ: 'access', iss: 'reeyo', aud: 'reeyo-apps', iat: now, exp: now + 3600 });
  return body + '.' + crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

function open(sub, role) {
  return new Promise((resolve, reject) => {
    const eb = new EventBus(`${base}/eventbus?token=${token(sub, role)}`, { transports: ['websocket'], timeout: 20000 });
    eb.enableReconnect(false);
    eb.onerror = () => { errors++; };
    const timer = setTimeout(() => reject(new Error('open timeout ' + sub)), 60000);
    eb.onopen = () => { clearTimeout(timer); resolve(eb); };
    eb.onclose = () => { closed++; };
  });
}

function stats() {
  return new Promise((resolve, reject) => {
    http.get(`${base}/stats`, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve(JSON.parse(data)));
    }).on('error', reject);
  });
}

let errors = 0;
let closed = 0;
let measuring = false;
const lastSent = new Map();
const latencies = [];
let received = 0;

// opens with at most 100 connections in flight
async function openAll(count, make) {
  const out = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(100, count) }, worker));
  return out;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : null;
}

(async () => {
  const t0 = Date.now();
  await openAll(CUSTOMERS, async (i) => {
    const eb = await open('user_' + i, 'USER');
    eb.registerHandler('client.order.order_' + i, (err, msg) => {
      if (err || !msg.body || msg.body.event !== 'rider_location_update') return;
      received++;
      const sent = lastSent.get(msg.body.data.riderId);
      if (measuring && sent !== undefined) latencies.push(Date.now() - sent);
    });
    return eb;
  });
  const riders = await openAll(RIDERS, (i) => open('rider_' + i, 'RIDER'));
  const openMs = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 2000));

  // every rider sends once per INTERVAL, spread evenly over the interval
  const sendStart = Date.now();
  let next = 0;
  let sentTotal = 0;
  const sender = setInterval(() => {
    const due = Math.floor(RIDERS * (Date.now() - sendStart) / INTERVAL) - sentTotal;
    for (let k = 0; k < due; k++) {
      sentTotal++;
      const i = next;
      next = (next + 1) % RIDERS;
      const id = 'rider_' + i;
      lastSent.set(id, Date.now());
      riders[i].send('rider.v1.location', { lat: 4.05 + Math.random() / 100, lng: 9.7 + Math.random() / 100, heading: 90, speed: 5 });
    }
  }, 10);

  await new Promise((r) => setTimeout(r, Math.max(3000, INTERVAL * 2)));
  const before = await stats();
  const wallStart = Date.now();
  measuring = true;
  received = 0;
  const sentBefore = sentTotal;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const after = await stats();
  const wallMs = Date.now() - wallStart;
  clearInterval(sender);
  latencies.sort((a, b) => a - b);
  const cpuCores = (after.jvm.processCpuTimeMs - before.jvm.processCpuTimeMs) / wallMs;
  console.log(JSON.stringify({
    sockets: SOCKETS, customers: CUSTOMERS, riders: RIDERS, locationIntervalMs: INTERVAL, seconds: SECONDS,
    openAllMs: openMs, socketsOpenAtBridge: after.socketsOpen,
    locationsPerSecond: Math.round((sentTotal - sentBefore) / (wallMs / 1000)),
    deliveriesPerSecond: Math.round(received / (wallMs / 1000)),
    latencyMs: { p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9), p99: percentile(latencies, 0.99), max: latencies[latencies.length - 1], samples: latencies.length },
    bridge: { heapUsedMB: Math.round(after.jvm.heapUsedBytes / 1048576), heapMaxMB: Math.round(after.jvm.heapMaxBytes / 1048576),
      cpuCoresUsed: +cpuCores.toFixed(2), processCpuLoadAtEnd: after.jvm.processCpuLoad, slowClientDrops: after.slowClientDrops,
      refusals: after.refusals, messagesIn: after.messagesIn - before.messagesIn, messagesOut: after.messagesOut - before.messagesOut },
    clientErrors: errors, clientCloses: closed,
  }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
