'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { createWatcher } = require('../lib/watcher');
const { FrameReader, encode } = require('../lib/bus');

const leg = (walletId, amount, ownerType = 'USER', type = 'CREDIT') => ({ walletId, ownerId: walletId, ownerType, type, amount });

test('a movement at the threshold on an owner wallet is an alert, platform legs are not', () => {
  const w = createWatcher({ largeAmount: 100000, burstCount: 99, burstWindowSeconds: 60 });
  const alerts = w.onLedgerEvent({ type: 'TOPUP', transferId: 't1', legs: [leg('wallet_u1', 100000), leg('sys_external_campay', 100000, 'PLATFORM', 'DEBIT')] });
  assert.deepStrictEqual(alerts.map((a) => [a.kind, a.walletId, a.amount, a.threshold]), [['large-transaction', 'wallet_u1', 100000, 100000]]);
  assert.deepStrictEqual(w.onLedgerEvent({ type: 'TOPUP', transferId: 't2', legs: [leg('wallet_u1', 99999)] }), []);
});

test('N movements of one wallet within the window is a burst, once', () => {
  let clock = 0;
  const w = createWatcher({ largeAmount: 1e9, burstCount: 3, burstWindowSeconds: 60, now: () => clock });
  const kinds = [0, 10, 20].map((t) => { clock = t * 1000; return w.onLedgerEvent({ legs: [leg('wallet_r1', 500, 'RIDER')] }).map((a) => a.kind); });
  assert.deepStrictEqual(kinds, [[], [], ['burst']]);
  clock = 200000;
  assert.deepStrictEqual(w.onLedgerEvent({ legs: [leg('wallet_r1', 500, 'RIDER')] }), []);
});

test('frames split and joined across chunks are read whole', () => {
  const frames = [];
  const reader = new FrameReader((f) => frames.push(f));
  const bytes = Buffer.concat([encode({ type: 'pong' }), encode({ type: 'message', body: { a: 'é' } })]);
  reader.push(bytes.subarray(0, 3));
  reader.push(bytes.subarray(3, 20));
  reader.push(bytes.subarray(20));
  assert.deepStrictEqual(frames, [{ type: 'pong' }, { type: 'message', body: { a: 'é' } }]);
});
