// A map-like canvas in Web Mercator (the projection of slippy-map tiles): with a tile URL the tiles are drawn
// underneath; without one (dev) a grid with kilometre scale. Drag to pan, wheel to zoom.

const TILE = 256;

function project(lat, lng, zoom) {
  const scale = TILE * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: ((lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale };
}

function unproject(x, y, zoom) {
  const scale = TILE * 2 ** zoom;
  const lng = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lng };
}

export class CityMap {
  constructor(canvas, { center, tileUrl }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.center = { ...center };
    this.zoom = 13;
    this.tileUrl = tileUrl || '';
    this.tiles = new Map();
    this.layers = { riders: [], orders: [] };
    this.onPick = () => {};
    this.#wire();
  }

  set(layers) {
    Object.assign(this.layers, layers);
    this.draw();
  }

  #wire() {
    let drag = null;
    this.canvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
    window.addEventListener('mouseup', (e) => {
      if (drag && !drag.moved) this.#pick(e);
      drag = null;
    });
    window.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const ratio = this.canvas.width / this.canvas.clientWidth;
      const dx = (e.clientX - drag.x) * ratio;
      const dy = (e.clientY - drag.y) * ratio;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      const c = project(this.center.lat, this.center.lng, this.zoom);
      this.center = unproject(c.x - dx, c.y - dy, this.zoom);
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.draw();
    });
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.zoom = Math.max(3, Math.min(18, this.zoom + (e.deltaY < 0 ? 1 : -1)));
      this.draw();
    }, { passive: false });
  }

  toScreen(lat, lng) {
    const c = project(this.center.lat, this.center.lng, this.zoom);
    const p = project(lat, lng, this.zoom);
    return { x: p.x - c.x + this.canvas.width / 2, y: p.y - c.y + this.canvas.height / 2 };
  }

  #pick(e) {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = this.canvas.width / rect.width;
    const x = (e.clientX - rect.left) * ratio;
    const y = (e.clientY - rect.top) * ratio;
    let best = null;
    for (const o of this.layers.orders) {
      const p = this.toScreen(o.lat, o.lng);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d < 14 && (!best || d < best.d)) best = { d, order: o };
    }
    if (best) this.onPick(best.order);
  }

  draw() {
    const { ctx, canvas } = this;
    ctx.fillStyle = '#0b1118';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (this.tileUrl) this.#tiles(); else this.#grid();
    for (const o of this.layers.orders) {
      if (o.vendorLat !== undefined) {
        const v = this.toScreen(o.vendorLat, o.vendorLng);
        const d = this.toScreen(o.lat, o.lng);
        ctx.strokeStyle = 'rgba(245,165,36,.35)';
        ctx.setLineDash([4, 4]);
        ctx.beginPath(); ctx.moveTo(v.x, v.y); ctx.lineTo(d.x, d.y); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#4ea1ff';
        ctx.beginPath(); ctx.arc(v.x, v.y, 5, 0, 2 * Math.PI); ctx.fill();
      }
      const p = this.toScreen(o.lat, o.lng);
      ctx.fillStyle = '#f5a524';
      ctx.fillRect(p.x - 6, p.y - 6, 12, 12);
      this.#label(o.label, p.x + 9, p.y + 4);
    }
    for (const r of this.layers.riders) {
      const p = this.toScreen(r.lat, r.lng);
      ctx.fillStyle = r.fresh ? '#2fbf71' : 'rgba(47,191,113,.55)';
      ctx.beginPath(); ctx.arc(p.x, p.y, 7, 0, 2 * Math.PI); ctx.fill();
      ctx.strokeStyle = '#0b1118'; ctx.lineWidth = 2; ctx.stroke(); ctx.lineWidth = 1;
      this.#label(r.label, p.x + 10, p.y + 4);
    }
  }

  #label(text, x, y) {
    if (!text) return;
    this.ctx.font = '12px system-ui, sans-serif';
    this.ctx.fillStyle = '#e6edf3';
    this.ctx.fillText(text, x, y);
  }

  #grid() {
    const { ctx, canvas } = this;
    const metresPerPixel = (156543.03392 * Math.cos((this.center.lat * Math.PI) / 180)) / 2 ** this.zoom;
    const steps = [100, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
    const stepM = steps.find((s) => s / metresPerPixel >= 60) ?? steps[steps.length - 1];
    const stepPx = stepM / metresPerPixel;
    const origin = this.toScreen(this.center.lat, this.center.lng);
    ctx.strokeStyle = '#18232f';
    ctx.lineWidth = 1;
    for (let x = origin.x % stepPx; x < canvas.width; x += stepPx) {
      ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, canvas.height); ctx.stroke();
    }
    for (let y = origin.y % stepPx; y < canvas.height; y += stepPx) {
      ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(canvas.width, y); ctx.stroke();
    }
    ctx.fillStyle = '#8b9bb0';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(`grid ${stepM >= 1000 ? stepM / 1000 + ' km' : stepM + ' m'} · zoom ${this.zoom} · `
      + `${this.center.lat.toFixed(4)}, ${this.center.lng.toFixed(4)}`, 10, 18);
  }

  #tiles() {
    const { canvas } = this;
    const c = project(this.center.lat, this.center.lng, this.zoom);
    const left = c.x - canvas.width / 2;
    const top = c.y - canvas.height / 2;
    const max = 2 ** this.zoom;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + canvas.width) / TILE); tx++) {
      for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + canvas.height) / TILE); ty++) {
        if (ty < 0 || ty >= max) continue;
        const x = ((tx % max) + max) % max;
        const url = this.tileUrl.replace('{z}', this.zoom).replace('{x}', x).replace('{y}', ty);
        let img = this.tiles.get(url);
        if (!img) {
          img = new Image();
          img.onload = () => this.draw();
          img.src = url;
          this.tiles.set(url, img);
        }
        if (img.complete && img.naturalWidth) this.ctx.drawImage(img, tx * TILE - left, ty * TILE - top);
      }
    }
  }
}
