// Cluster: the nodes of GET /api/v1/cluster (heartbeats: verticles and instance counts, CPU, heap, event-loop lag)
// polled every 2 s; changing a count writes the node's override file through
// PUT /api/v1/cluster/nodes/{nodeId}/instances (audited) and the node converges on its own.

import { get, put } from './api.js';
import { $, el, fill, short, flash } from './dom.js';

export class ClusterView {
  constructor() {
    this.editing = new Map();
  }

  async load() {
    const { nodes } = await get('/api/v1/cluster');
    if (document.activeElement?.closest?.('#nodes input')) return; // do not redraw under the operator's typing
    fill($('nodes'), nodes.length ? nodes.map((n) => this.#node(n)) : [el('p', { class: 'muted' }, 'no node heard')]);
  }

  #node(n) {
    const load = n.load ?? {};
    const lag = load.eventLoopLagMs ?? 0;
    return el('div', { class: 'card node', dataset: { nodeId: n.nodeId, nodeName: n.name } },
      el('h3', {}, n.name, n.draining ? el('span', { class: 'bad' }, ' · draining') : null),
      el('div', { class: 'meta' }, `profile ${n.profile} · id ${short(n.nodeId)} · up ${Math.round(n.uptimeSeconds / 60)} min`),
      el('div', { class: 'bars' },
        el('span', {}, 'cpu ', el('b', {}, load.cpu >= 0 ? `${Math.round(load.cpu * 100)}%` : '–')),
        el('span', {}, 'heap ', el('b', {}, `${load.heapUsedMb ?? '–'} MB`)),
        el('span', { class: lag > 100 ? 'lag-high' : '' }, 'event-loop lag ', el('b', { class: 'lag' }, `${lag} ms`))),
      el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, el('th', {}, 'verticle'), el('th', {}, 'instances'), el('th', {}, ''))),
        el('tbody', {}, Object.entries(n.verticles ?? {}).map(([name, count]) => this.#row(n, name, count)))));
  }

  #row(node, verticle, count) {
    const input = el('input', { type: 'number', min: 1, max: 32, value: count, 'aria-label': `${verticle} instances` });
    const apply = el('button', { type: 'button', dataset: { action: 'scale' } }, 'Apply');
    apply.addEventListener('click', async () => {
      const instances = Number(input.value);
      if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
        flash('instances: a whole number from 1 to 32');
        return;
      }
      apply.disabled = true;
      try {
        const r = await put(`/api/v1/cluster/nodes/${encodeURIComponent(node.nodeId)}/instances`, { verticle, instances });
        flash(`${node.name}: ${verticle} ${r.previous ?? count} → ${r.instances} written; the node converges in a second`);
      } catch (e) {
        flash(`scaling refused: ${e.message}`);
      } finally {
        apply.disabled = false;
        input.blur();
      }
    });
    return el('tr', { dataset: { verticle } }, el('td', {}, verticle), el('td', { class: 'instances' }, String(count)),
      el('td', { class: 'actions' }, input, apply));
  }
}
