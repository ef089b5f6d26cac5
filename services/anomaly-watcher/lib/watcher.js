'use strict';
// The anomaly rules: turns wallet ledger events into alerts. Pure logic, no I/O, so it is tested on its own.

const PLATFORM = 'PLATFORM';

/**
 * @param {object} options
 * @param {number} options.largeAmount   a movement of at least this many XAF on a customer, vendor or rider wallet
 * @param {number} options.burstCount    this many movements on one wallet ...
 * @param {number} options.burstWindowSeconds ... within this many seconds
 * @param {() => number} [options.now]   clock (ms)
 */
function createWatcher({ largeAmount, burstCount, burstWindowSeconds, now = Date.now }) {
  const recent = new Map(); // walletId -> timestamps (ms) of its movements in the window
  const windowMs = burstWindowSeconds * 1000;

  function burst(walletId, at) {
    const times = (recent.get(walletId) || []).filter((t) => at - t < windowMs);
    times.push(at);
    if (times.length >= burstCount) {
      recent.delete(walletId);
      return times.length;
    }
    recent.set(walletId, times);
    return 0;
  }

  /** The alerts one wallet.v1.events message raises (often none). */
  function onLedgerEvent(event) {
    if (!event || !Array.isArray(event.legs)) return [];
    const at = now();
    const alerts = [];
    const base = (leg) => ({
      walletId: leg.walletId,
      ownerType: leg.ownerType,
      transferId: event.transferId,
      transferType: event.type,
      at: new Date(at).toISOString(),
    });
    const seen = new Set();
    for (const leg of event.legs) {
      if (!leg || leg.ownerType === PLATFORM || typeof leg.amount !== 'number') continue;
      if (leg.amount >= largeAmount) {
        alerts.push({ kind: 'large-transaction', ...base(leg), direction: leg.type, amount: leg.amount, threshold: largeAmount });
      }
      if (seen.has(leg.walletId)) continue;
      seen.add(leg.walletId);
      const count = burst(leg.walletId, at);
      if (count) {
        alerts.push({ kind: 'burst', ...base(leg), count, windowSeconds: burstWindowSeconds, threshold: burstCount });
      }
    }
    return alerts;
  }

  return { onLedgerEvent };
}

module.exports = { createWatcher };
