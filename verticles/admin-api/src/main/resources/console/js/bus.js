// A minimal client of the Vert.x event-bus bridge over SockJS's raw WebSocket endpoint
// (<bridge>/eventbus/websocket: one JSON frame per message, no SockJS framing). Same frames as the stock
// @vertx/eventbus-bridge-client.js: register, ping every 5 s, rec, err. The access token travels as a frame header
// (never in the URL, so it stays out of access logs); the socket reconnects with backoff and registers again.

const PING_MS = 5_000;

export class Bus {
  /** bridgeUrl: http(s)://host:port of the socket bridge; tokenOf: () => the current access token. */
  constructor(bridgeUrl, tokenOf) {
    this.url = bridgeUrl.replace(/^http/, 'ws') + '/eventbus/websocket';
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
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.open = true;
      this.backoffMs = 500;
      for (const address of this.handlers.keys()) this.#registerFrame(address);
      this.pinger = setInterval(() => this.#send({ type: 'ping' }), PING_MS);
      this.stateListeners.forEach((l) => l(true));
    };
    ws.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'rec') this.handlers.get(frame.address)?.(frame.body);
      else if (frame.type === 'err') this.errorListener?.(frame.body);
    };
    ws.onclose = () => {
      clearInterval(this.pinger);
      const wasOpen = this.open;
      this.open = false;
      if (wasOpen) this.stateListeners.forEach((l) => l(false));
      if (!this.closed) {
        setTimeout(() => this.connect(), this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, 15_000);
      }
    };
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
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
