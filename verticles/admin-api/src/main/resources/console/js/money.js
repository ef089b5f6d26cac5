// Money: today's figures (GET /api/v1/stats), the ledger proof on demand (GET /api/v1/reconciliation), and the
// ledger entries of one account (GET /api/v1/wallets/{ownerId}/transactions).

import { get } from './api.js';
import { $, el, fill, time, xaf, flash, emptyRow } from './dom.js';

function figures(pairs) {
  return pairs.flatMap(([k, v, cls]) => [el('dt', {}, k), el('dd', { class: cls ?? '' }, v)]);
}

export class MoneyView {
  constructor() {
    $('recon-run').addEventListener('click', () => this.reconcile());
    $('ledger-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.ledger($('ledger-owner').value.trim()).catch((err) => flash(`ledger: ${err.message}`));
    });
  }

  async load() {
    const s = await get('/api/v1/stats');
    fill($('money-today'), figures([
      ['date (UTC)', s.date], ['revenue today', xaf(s.revenueToday)], ['held in escrow', xaf(s.escrowHeld ?? 0)], ['orders today', s.orders?.total ?? 0],
      ['delivered', s.deliveredCount ?? 0],
      ['payouts waiting', `${s.pendingPayouts?.count ?? 0} · ${xaf(s.pendingPayouts?.amount ?? 0)}`],
      ['riders online', s.ridersOnline], ['figures from', time(s.generatedAt)],
    ]));
  }

  async reconcile() {
    const button = $('recon-run');
    button.disabled = true;
    $('recon-status').textContent = 'proving…';
    try {
      const r = await get('/api/v1/reconciliation');
      $('recon-status').textContent = r.ok ? 'ledger balances' : 'MISMATCH: see below';
      $('recon-status').className = r.ok ? 'ok' : 'bad';
      fill($('recon-figures'), figures([
        ['sum of balances', xaf(r.sumOfBalances), r.sumOfBalances === 0 ? 'ok' : 'bad'], ['wallets', r.wallets],
        ['entries', r.entries], ['transfers', r.transfers], ['mismatches', r.mismatchCount ?? r.mismatches?.length ?? 0],
        ['unbalanced transfers', r.unbalancedCount ?? r.unbalancedTransfers?.length ?? 0], ['checked', time(r.checkedAt)],
        ['took', `${r.elapsedMs} ms`],
      ]));
    } catch (e) {
      $('recon-status').textContent = `failed: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  }

  async ledger(ownerId) {
    const page = await get(`/api/v1/wallets/${encodeURIComponent(ownerId)}/transactions?limit=50`);
    fill($('ledger-rows'), page.items.length ? page.items.map((t) => el('tr', {},
      el('td', {}, time(t.createdAt)), el('td', {}, t.type ?? t.kind), el('td', { class: t.amount < 0 ? 'bad' : 'ok' }, xaf(t.amount)),
      el('td', {}, xaf(t.balanceAfter)), el('td', { class: 'muted' }, t.reference ?? t.description ?? ''))) : [emptyRow(5, 'no entry')]);
  }
}
