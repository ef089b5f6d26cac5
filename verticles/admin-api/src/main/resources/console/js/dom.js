// Small DOM helpers: every text goes through textContent, never innerHTML, so server data cannot inject markup.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function fill(container, nodes) {
  container.replaceChildren(...nodes);
}

export function xaf(amount) {
  return amount === undefined || amount === null ? '–' : `${Number(amount).toLocaleString('fr-FR')} XAF`;
}

export function ago(iso) {
  if (!iso) return '–';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

export function time(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '–';
}

export function short(id) {
  return id && id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-6)}` : id ?? '–';
}

let flashTimer;
export function flash(message) {
  const node = $('flash');
  node.textContent = message;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { node.textContent = ''; }, 6000);
}

export function emptyRow(columns, text) {
  return el('tr', {}, el('td', { colspan: columns, class: 'muted' }, text));
}
