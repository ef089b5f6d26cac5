// Charts drawn on canvas, no library: orders per hour and delivery times from today's orders
// (GET /api/v1/orders?day=), failures per hour from today's audit trail (GET /api/v1/audit?day=), orders by status
// from GET /api/v1/stats.

import { get } from './api.js';
import { $ } from './dom.js';

const MAX_PAGES = 5;

async function all(path) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await get(`${path}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...(page.items ?? []));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function bars(canvas, labels, values, { color = '#f5a524', unit = '' } = {}) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const pad = { l: 34, r: 8, t: 12, b: 24 };
  ctx.clearRect(0, 0, w, h);
  const max = Math.max(4, Math.ceil(Math.max(...values, 0) / 4) * 4);
  const slot = (w - pad.l - pad.r) / Math.max(1, values.length);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#273444';
  ctx.fillStyle = '#8b9bb0';
  for (let i = 0; i <= 4; i++) {
    const y = pad.t + ((h - pad.t - pad.b) * i) / 4;
    ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
    ctx.fillText(String(Math.round(max - (max * i) / 4)), 2, y + 4);
  }
  values.forEach((v, i) => {
    const bh = ((h - pad.t - pad.b) * v) / max;
    ctx.fillStyle = color;
    ctx.fillRect(pad.l + i * slot + 2, h - pad.b - bh, Math.max(1, slot - 4), bh);
    if (labels.length <= 12 || i % 3 === 0) {
      ctx.fillStyle = '#8b9bb0';
      ctx.fillText(labels[i], pad.l + i * slot + 2, h - 8);
    }
  });
  if (!values.some((v) => v > 0)) {
    ctx.fillStyle = '#8b9bb0';
    ctx.fillText(`nothing yet today${unit}`, w / 2 - 50, h / 2);
  }
}

const SHORT = { AWAITING_PAYMENT: 'await', PENDING: 'pend', ACCEPTED: 'acc', PREPARING: 'prep', READY: 'ready',
  PICKED_UP: 'pick', DELIVERED: 'deliv', REJECTED: 'rej', CANCELLED: 'canc' };
const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));

export class ChartsView {
  async load() {
    const day = new Date().toISOString().slice(0, 10);
    const [orders, audit, stats] = await Promise.all([
      all(`/api/v1/orders?day=${day}`), all(`/api/v1/audit?day=${day}`).catch(() => []), get('/api/v1/stats'),
    ]);
    const perHour = new Array(24).fill(0);
    orders.forEach((o) => { perHour[new Date(o.createdAt).getUTCHours()]++; });
    bars($('chart-orders'), hours, perHour);

    const buckets = [10, 20, 30, 45, 60, 90, 120];
    const labels = [...buckets.map((b) => `≤${b}`), '>120'];
    const delivery = new Array(labels.length).fill(0);
    orders.filter((o) => o.status === 'DELIVERED').forEach((o) => {
      const done = (o.timeline ?? []).find((t) => t.status === 'DELIVERED')?.at ?? o.deliveredAt ?? o.updatedAt;
      const minutes = (Date.parse(done) - Date.parse(o.createdAt)) / 60000;
      const i = buckets.findIndex((b) => minutes <= b);
      delivery[i < 0 ? labels.length - 1 : i]++;
    });
    bars($('chart-delivery'), labels, delivery, { color: '#2fbf71' });

    const failures = new Array(24).fill(0);
    audit.filter((a) => a.outcome !== 'SUCCESS').forEach((a) => { failures[new Date(a.createdAt).getUTCHours()]++; });
    bars($('chart-errors'), hours, failures, { color: '#ef5350' });

    const byStatus = stats.orders?.byStatus ?? {};
    const names = Object.keys(byStatus);
    bars($('chart-status'), names.map((n) => SHORT[n] ?? n.slice(0, 5)), names.map((n) => byStatus[n]), { color: '#4ea1ff' });
  }
}
