// Live city: riders online (starting picture from GET /api/v1/ops/riders/online, then live positions from the
// admins' feed) and active orders (GET /api/v1/orders?status=..., refreshed on every order event), order detail
// with its timeline.

import { get } from './api.js';
import { $, el, fill, ago, time, short, xaf, emptyRow } from './dom.js';
import { CityMap } from './map.js';

const ACTIVE = ['PENDING', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'];
const FRESH_MS = 30_000;
const LIVE_GRACE_MS = 5_000;

export class CityView {
  constructor(config) {
    this.map = new CityMap($('map'), config);
    this.map.onPick = (order) => this.showOrder(order.orderId);
    this.riders = new Map();
    this.orders = [];
    this.reloadTimer = null;
    setInterval(() => this.render(), 5_000);
  }

  async load() {
    const [online, ...pages] = await Promise.all([
      get('/api/v1/ops/riders/online'),
      ...ACTIVE.map((s) => get(`/api/v1/orders?status=${s}&limit=100`).catch(() => ({ items: [] }))),
    ]);
    const riders = new Map();
    for (const r of online.items) {
      const known = this.riders.get(r.riderId);
      const at = r.lastSeenAt ? Date.parse(r.lastSeenAt) : Date.now();
      riders.set(r.riderId, known && known.at > at ? known : { riderId: r.riderId, lat: r.lat, lng: r.lng, at });
    }
    for (const [id, r] of this.riders) {
      if (!riders.has(id) && Date.now() - r.at < LIVE_GRACE_MS) riders.set(id, r); // a live fix newer than the read
    }
    this.riders = riders;
    this.orders = pages.flatMap((p) => p.items ?? []);
    this.render();
  }

  /** A message of the admins' feed. */
  onFeed(message) {
    if (message?.event === 'rider_location_update' && message.data?.riderId) {
      const d = message.data;
      this.riders.set(d.riderId, { riderId: d.riderId, lat: d.lat, lng: d.lng, at: Date.now(), moved: true });
      this.render();
    } else if (message?.address?.startsWith('client.order.')) {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.load().catch(() => {}), 300);
      if (this.detailId && message.address === `client.order.${this.detailId}`) this.showOrder(this.detailId);
    }
  }

  render() {
    const now = Date.now();
    const riders = [...this.riders.values()].sort((a, b) => b.at - a.at);
    $('rider-count').textContent = riders.length;
    fill($('rider-rows'), riders.length ? riders.map((r) => el('tr', {
      dataset: { riderId: r.riderId }, class: r.moved && now - r.at < 3000 ? 'flash-row' : '',
    }, el('td', { title: r.riderId }, short(r.riderId)), el('td', { class: 'lat' }, r.lat.toFixed(5)),
    el('td', { class: 'lng' }, r.lng.toFixed(5)), el('td', {}, ago(new Date(r.at).toISOString()))))
      : [emptyRow(4, 'no rider online')]);
    const located = this.orders.filter((o) => o.deliveryAddress?.lat !== undefined);
    $('order-count').textContent = this.orders.length;
    fill($('order-rows'), this.orders.length ? this.orders.map((o) => el('tr', {
      class: 'clickable', dataset: { orderId: o.orderId }, onclick: () => this.showOrder(o.orderId),
    }, el('td', { title: o.orderId }, short(o.orderId)), el('td', {}, o.status), el('td', {}, xaf(o.total))))
      : [emptyRow(3, 'no active order')]);
    this.map.set({
      riders: riders.map((r) => ({ ...r, fresh: now - r.at < FRESH_MS, label: short(r.riderId) })),
      orders: located.map((o) => ({
        orderId: o.orderId, lat: o.deliveryAddress.lat, lng: o.deliveryAddress.lng, label: o.status,
        vendorLat: o.vendorAddress?.lat, vendorLng: o.vendorAddress?.lng,
      })),
    });
  }

  async showOrder(orderId) {
    this.detailId = orderId;
    const o = await get(`/api/v1/orders/${encodeURIComponent(orderId)}`);
    const box = $('order-detail');
    box.hidden = false;
    fill(box, [
      el('h2', {}, `Order ${short(o.orderId)}`),
      el('dl', { class: 'figures' },
        el('dt', {}, 'status'), el('dd', { id: 'detail-status' }, o.status),
        el('dt', {}, 'payment'), el('dd', {}, `${o.paymentMethod} · ${o.paymentStatus}`),
        el('dt', {}, 'total'), el('dd', {}, xaf(o.total)),
        el('dt', {}, 'vendor'), el('dd', {}, o.vendorName ?? short(o.vendorId)),
        el('dt', {}, 'rider'), el('dd', {}, o.riderId ? short(o.riderId) : '–'),
        el('dt', {}, 'drop-off'), el('dd', {}, [o.deliveryAddress?.line1, o.deliveryAddress?.city].filter(Boolean).join(', '))),
      el('ol', { class: 'timeline' }, (o.timeline ?? []).map((t) => el('li', {},
        el('strong', {}, t.status), ' ', el('span', { class: 'muted' }, `${time(t.at)}${t.role ? ' · ' + t.role : ''}`),
        t.note ? el('div', { class: 'muted' }, t.note) : null))),
    ]);
  }
}
