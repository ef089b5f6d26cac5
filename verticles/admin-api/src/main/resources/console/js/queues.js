// Queues that need a human: vendor and rider approvals, payouts to approve, stuck or failed follow-ups
// (GET /api/v1/ops/stuck: follow-ups open past their deadline), refunds of today's cancelled orders.

import { get, post, ApiError } from './api.js';
import { $, el, fill, ago, time, short, xaf, flash, emptyRow } from './dom.js';

function decision(label, run, { reason = false, danger = false, action = label.toLowerCase() } = {}) {
  const input = reason ? el('input', { placeholder: 'reason', size: 10 }) : null;
  const button = el('button', { type: 'button', class: danger ? 'bad' : '', dataset: { action } }, label);
  button.addEventListener('click', async () => {
    if (reason && !input.value.trim()) {
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await run(reason ? input.value.trim() : undefined);
    } catch (e) {
      flash(`${label} failed: ${e.message}`);
      button.disabled = false;
    }
  });
  return input ? [input, button] : [button];
}

export class QueuesView {
  async load() {
    await Promise.all([this.accounts('vendors'), this.accounts('riders'), this.payouts(), this.stuck(), this.refunds()]);
  }

  async accounts(kind) {
    const page = await get(`/api/v1/${kind}?approvalStatus=PENDING&limit=50`);
    const idField = kind === 'vendors' ? 'vendorId' : 'riderId';
    const body = $(kind === 'vendors' ? 'vendor-queue' : 'rider-queue');
    fill(body, page.items.length ? page.items.map((a) => {
      const id = a[idField];
      const name = a.businessName ?? [a.firstName, a.lastName].filter(Boolean).join(' ');
      const docs = Array.isArray(a.documents) ? a.documents.length : 0;
      const done = (verb) => async (reason) => {
        await post(`/api/v1/${kind}/${encodeURIComponent(id)}/${verb}`, reason ? { reason } : {});
        flash(`${name} ${verb === 'approve' ? 'approved' : 'rejected'}`);
        await this.accounts(kind);
      };
      return el('tr', { dataset: { id } },
        el('td', {}, el('strong', {}, name || short(id)), el('div', { class: 'muted' },
          [a.phone, a.vehicleType, docs ? `${docs} document(s)` : null, ago(a.createdAt)].filter(Boolean).join(' · '))),
        el('td', { class: 'actions' }, decision('Approve', done('approve')), decision('Reject', done('reject'), { reason: true, danger: true })));
    }) : [emptyRow(2, 'nothing waiting')]);
  }

  async payouts() {
    const page = await get('/api/v1/payouts?status=REQUESTED&limit=50');
    fill($('payout-queue'), page.items.length ? page.items.map((p) => {
      const done = (verb, extra = {}) => async (reason) => {
        const answer = await post(`/api/v1/payouts/${encodeURIComponent(p.payoutId)}/${verb}`, reason ? { reason } : extra);
        flash(`payout ${short(p.payoutId)}: ${answer.status}`);
        await this.payouts();
      };
      // money may leave only to the owner's verified number, unless the admin says so for this payout
      const other = p.toVerifiedPhone === false;
      const approve = other
        ? decision('Approve other number', done('approve', { allowOtherPhone: true }), { action: 'approve-other', danger: true })
        : decision('Approve', done('approve'));
      return el('tr', { dataset: { id: p.payoutId } },
        el('td', {}, el('strong', {}, xaf(p.amount)), el('div', { class: 'muted' },
          `${p.ownerType} ${short(p.ownerId)} · ${p.phone ?? ''}${other ? ' (not the verified number)' : ''} · ${ago(p.createdAt)}`)),
        el('td', { class: 'actions' }, approve, decision('Reject', done('reject'), { reason: true, danger: true })));
    }) : [emptyRow(2, 'nothing waiting')]);
  }

  async stuck() {
    const body = $('stuck-queue');
    try {
      const page = await get('/api/v1/ops/stuck');
      const items = page.items ?? [];
      fill(body, items.length ? items.map((s) => el('tr', {},
        el('td', {}, el('strong', {}, s.kind), ' ', short(s.ref)),
        el('td', {}, s.blocked ? 'waits for a person' : `${s.attempts} attempt(s), next ${time(s.nextAttemptAt)}`),
        el('td', { class: 'muted' }, s.lastError ?? `open for ${Math.round(s.ageSeconds / 60)} min`)))
        : [emptyRow(3, 'nothing stuck')]);
    } catch (e) {
      fill(body, [emptyRow(3, e instanceof ApiError && e.status === 404
        ? 'this server does not report stuck follow-ups yet' : `unavailable: ${e.message}`)]);
    }
  }

  async refunds() {
    const page = await get('/api/v1/orders?status=CANCELLED&limit=50');
    const items = page.items.filter((o) => ['REFUND_PENDING', 'REFUNDED', 'FAILED'].includes(o.paymentStatus));
    fill($('refund-queue'), items.length ? items.map((o) => el('tr', {},
      el('td', {}, short(o.orderId)), el('td', {}, xaf(o.total)),
      el('td', { class: o.paymentStatus === 'REFUNDED' ? 'ok' : 'bad' }, o.paymentStatus))) : [emptyRow(3, 'no refund today')]);
  }
}
