// How an app resumes a client address after a reconnect without losing or reordering events
// (the algorithm docs/realtime.md describes; the stock event-bus client underneath).
// 1. register on the address first, holding live messages back;
// 2. ask client.v1.replay for what came after lastId;
// 3. deliver the replayed envelopes in order, then the held-back live ones not already delivered (by id);
// 4. from then on deliver live messages directly. Messages without an id (live-only events) pass straight through.
'use strict';

const REPLAY = 'client.v1.replay';
const REPLY_TIMEOUT_MS = 5000;

function newerThan(a, b) {
  if (!b) return true;
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am > bm : as > bs;
}

function subscribeWithReplay(eb, address, lastId, onMessage, onReplayed) {
  let last = lastId;
  let held = [];
  let replaying = true;
  const deliver = (body, replayed) => {
    if (body && body.id) {
      if (!newerThan(body.id, last)) return;
      last = body.id;
    }
    onMessage(body, replayed);
  };
  eb.registerHandler(address, (err, msg) => {
    if (err) return;
    if (replaying) held.push(msg.body);
    else deliver(msg.body, false);
  });
  let settled = false;
  const settle = (page) => {
    if (settled) return;
    settled = true;
    page.items.forEach((item) => deliver(item, true));
    replaying = false;
    held.forEach((body) => deliver(body, false));
    held = [];
    if (onReplayed) onReplayed(page);
  };
  // a refused request never calls back (the bridge answers with an error frame only): give up after a while
  const timer = setTimeout(() => settle({ items: [], complete: false }), REPLY_TIMEOUT_MS);
  eb.send(REPLAY, { address, lastId }, (err, reply) => {
    clearTimeout(timer);
    settle(err ? { items: [], complete: false } : reply.body);
  });
  return () => last;
}

module.exports = { subscribeWithReplay, newerThan };
