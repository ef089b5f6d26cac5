#!/usr/bin/env node
'use strict';
// A scripted service used by the Java end-to-end tests of the TCP bridge (verticles/tcp-bridge): it logs in with the
// credentials of the environment, tries permitted and refused operations and prints one JSON summary line.
//   node probe.js allowed   request test.v1.echo, listen on test.v1.feed.1, then try refused operations
//   node probe.js raw-publish  first frame is a publish without credentials
// Environment: REEYO_TCP_BRIDGE (host:port), REEYO_SERVICE_ID + REEYO_SERVICE_KEY or REEYO_SERVICE_TOKEN.
const net = require('node:net');
const { Bus, encode } = require('./lib/bus');
const { settings } = require('./index');

const outcome = (promise) => promise.then(() => 'ok', (e) => `refused: ${e.message}`);

async function allowed(conf) {
  const result = { errors: [] };
  let bus;
  try {
    bus = await Bus.connect(conf);
  } catch (e) {
    return { login: `refused: ${e.message}` };
  }
  result.login = 'ok';
  bus.on('error-frame', (f) => result.errors.push(f.message));
  const feed = new Promise((resolve) => {
    result.register = outcome(bus.register('test.v1.feed.1', (frame) => resolve(frame.body)));
  });
  result.register = await result.register;
  const spoofed = { 'x-reeyo-actor-id': 'admin-1', 'x-reeyo-actor-role': 'ADMIN', trace: 'probe-1' };
  const reply = await bus.request('test.v1.echo', { hello: 'bus' }, { headers: spoofed });
  result.reply = reply.body;
  result.feed = await Promise.race([feed, new Promise((r) => setTimeout(() => r('no message'), 5000))]);
  result.refusedRequest = await outcome(bus.request('wallet.v1.reconcile', {}, { timeoutMs: 3000 }));
  result.refusedRegister = await outcome(bus.register('orders.v1.events', () => {}));
  bus.publish('client.user.u1', { type: 'spoof' });
  result.refusedPublish = await outcome(bus.barrier());
  result.afterRefusals = (await bus.request('test.v1.echo', { again: true })).body;
  result.stillOpen = !bus.closed;
  const closed = new Promise((resolve) => bus.once('close', resolve));
  bus.close();
  await closed;
  return result;
}

function rawPublish(conf) {
  return new Promise((resolve) => {
    const frames = [];
    const socket = net.connect({ host: conf.host, port: conf.port }, () => {
      socket.write(encode({ type: 'publish', address: 'ops.v1.alert', body: { kind: 'forged' } }));
    });
    socket.on('data', (d) => frames.push(d.length));
    socket.on('close', () => resolve({ closed: true, framesReceived: frames.length }));
    setTimeout(() => { socket.destroy(); resolve({ closed: false }); }, 5000);
  });
}

(async () => {
  const conf = settings({ ...process.env, REEYO_SERVICE_KEY: process.env.REEYO_SERVICE_KEY || 'none' });
  const mode = process.argv[2] || 'allowed';
  const result = mode === 'raw-publish' ? await rawPublish(conf) : await allowed(conf);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
})();
