// A minimal client of the Vert.x event-bus bridge: SockJS over its WebSocket transport
// (<bridge>/eventbus/<server>/<session>/websocket; the server sends "o" on open, "h" heartbeats, a["json", ...]
// message batches and c[code, reason] on close; the client sends ["json", ...]). Same bridge frames as the stock
// @vertx/eventbus-bridge-client.js: register, ping every 5 s, rec, err. The access token travels as a frame header
// (never in the URL, so it stays out of access logs); the socket reconnects with backoff and registers again.

const PING_MS = 5_000;

export class Bus {
  /** bridgeUrl: http(s)://host:port of the socket bridge; tokenOf: () => the current access token. */
  constructor(bridgeUrl, tokenOf) {
    this.base = bridgeUrl.replace(/^http/, 'ws') + '/eventbus/';
    this.tokenOf = tokenOf;
    this.handlers = new Map();
    this.stateListeners = new Set();
    this.backoffMs = 500;
    this.closed = false;
    this.open = false;
  }

  onState(listener) {
    this.stateListeners.add(listener);
  }

  onError(listener) {
    this.errorListener = listener;
  }

  register(address, handler) {
    this.handlers.set(address, handler);
    if (this.open) this.#registerFrame(address);
  }

  connect() {
    this.closed = false;
    const server = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const session = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => (b % 36).toString(36)).join('');
    const ws = new WebSocket(`${this.base}${server}/${session}/websocket`);
    this.ws = ws;
    ws.onmessage = (event) => this.#sockjs(String(event.data));
    ws.onclose = () => this.#closed();
  }

  /** One SockJS frame: o (open), h (heartbeat), a[...] (messages), c[...] (close). */
  #sockjs(frame) {
    const kind = frame[0];
    if (kind === 'o') this.#opened();
    else if (kind === 'a') {
      let messages = [];
      try {
        messages = JSON.parse(frame.slice(1));
      } catch {
        return;
      }
      messages.forEach((m) => this.#bridgeFrame(m));
    }
  }

  #opened() {
    this.open = true;
    this.backoffMs = 500;
    for (const address of this.handlers.keys()) this.#registerFrame(address);
    this.pinger = setInterval(() => this.#send({ type: 'ping' }), PING_MS);
    this.stateListeners.forEach((l) => l(true));
  }

  #bridgeFrame(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'rec') this.handlers.get(frame.address)?.(frame.body);
    else if (frame.type === 'err') this.errorListener?.(frame.body);
  }

  #closed() {
    clearInterval(this.pinger);
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.stateListeners.forEach((l) => l(false));
    if (!this.closed) {
      setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 15_000);
    }
  }

  /** Reconnects so that the socket carries the renewed token (the bridge closes a socket when its token expires). */
  renew() {
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) {
      this.backoffMs = 100;
      this.ws.close();
    }
  }

  close() {
    this.closed = true;
    this.ws?.close();
  }

  #registerFrame(address) {
    this.#send({ type: 'register', address, headers: { token: this.tokenOf() } });
  }

  #send(frame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify([JSON.stringify(frame)]));
  }
}
