#!/usr/bin/env node
'use strict';
// The anomaly watcher: a Reeyo service outside the JVM. It connects to the TCP bridge as a service account, listens
// to the wallet engine's ledger events and publishes an alert on ops.v1.alert for a large movement or a burst of
// movements on one wallet. Configuration from the environment (see README.md); reconnects with backoff.
const fs = require('node:fs');
const { Bus } = require('./lib/bus');
const { createWatcher } = require('./lib/watcher');

const LEDGER_EVENTS = 'wallet.v1.events';
const ALERTS = 'ops.v1.alert';

function settings(env = process.env) {
  const [host, port] = (env.REEYO_TCP_BRIDGE || '127.0.0.1:7000').split(':');
  const credentials = env.REEYO_SERVICE_TOKEN
    ? { token: env.REEYO_SERVICE_TOKEN }
    : { serviceId: env.REEYO_SERVICE_ID || 'anomaly-watcher', serviceKey: env.REEYO_SERVICE_KEY };
  if (!credentials.token && !credentials.serviceKey) {
    throw new Error('REEYO_SERVICE_KEY or REEYO_SERVICE_TOKEN is required');
  }
  const tls = env.REEYO_TCP_BRIDGE_TLS === 'true'
    ? { ca: env.REEYO_TCP_BRIDGE_CA ? fs.readFileSync(env.REEYO_TCP_BRIDGE_CA) : undefined, servername: host }
    : undefined;
  return {
    host,
    port: Number(port),
    tls,
    credentials,
    largeAmount: Number(env.WATCH_LARGE_AMOUNT_XAF || 100000),
    burstCount: Number(env.WATCH_BURST_COUNT || 10),
    burstWindowSeconds: Number(env.WATCH_BURST_WINDOW_SECONDS || 60),
  };
}

function log(level, message, fields = {}) {
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), level, service: 'anomaly-watcher', message, ...fields })}\n`);
}

async function run(conf) {
  const watcher = createWatcher(conf);
  let stopping = false;
  let bus;
  let delayMs = 500;
  const stop = () => {
    stopping = true;
    if (bus) bus.close();
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  while (!stopping) {
    try {
      bus = await Bus.connect(conf);
      await bus.register(LEDGER_EVENTS, (frame) => {
        for (const alert of watcher.onLedgerEvent(frame.body)) {
          bus.publish(ALERTS, alert);
          log('warn', 'alert', alert);
        }
      });
      log('info', 'ready', { listening: LEDGER_EVENTS, largeAmount: conf.largeAmount, burstCount: conf.burstCount });
      delayMs = 500;
      await new Promise((resolve) => bus.once('close', resolve));
      if (!stopping) log('warn', 'connection lost');
    } catch (e) {
      if (bus) bus.close();
      log('error', 'cannot connect', { error: e.message });
    }
    if (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 10000);
    }
  }
}

if (require.main === module) {
  run(settings()).catch((e) => {
    log('error', 'stopped', { error: e.message });
    process.exit(1);
  });
}

module.exports = { settings, run };
