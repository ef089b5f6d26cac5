'use strict';
// A small client of the Reeyo TCP event-bus bridge: frames are a 4-byte big-endian length followed by that many
// bytes of UTF-8 JSON, both ways. No dependencies beyond Node's own net/tls modules.
const net = require('node:net');
const tls = require('node:tls');
const { EventEmitter } = require('node:events');
const { randomUUID } = require('node:crypto');

/** Splits a byte stream into JSON frames. */
class FrameReader {
  constructor(onFrame) {
    this.buffer = Buffer.alloc(0);
    this.onFrame = onFrame;
  }

  push(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (this.buffer.length < 4 + length) return;
      const json = this.buffer.subarray(4, 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(4 + length);
      this.onFrame(JSON.parse(json));
    }
  }
}

const BLOCKED = 'blocked by bridgeEvent handler';

function encode(frame) {
  const json = Buffer.from(JSON.stringify(frame), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(json.length, 0);
  return Buffer.concat([header, json]);
}

/**
 * One connection to the bridge. Events: 'message' (every frame of type message), 'error' (an err frame not tied to a
 * request), 'close'. Requests and registrations answer promises; a refused one rejects.
 */
class Bus extends EventEmitter {
  constructor(socket) {
    super();
    this.socket = socket;
    this.handlers = new Map();
    this.pending = new Map();
    this.barriers = [];
    this.errors = [];
    this.closed = false;
    const reader = new FrameReader((frame) => this.dispatch(frame));
    socket.on('data', (chunk) => {
      try {
        reader.push(chunk);
      } catch (e) {
        socket.destroy(e);
      }
    });
    socket.on('error', (e) => this.emit('socket-error', e));
    socket.on('close', () => this.onClose());
  }

  /**
   * Connects and logs in: the first frame is a ping carrying the credentials ({serviceId, serviceKey} or {token}).
   * Resolves once the bridge answered pong; rejects if it closed the connection instead.
   */
  static connect({ host = '127.0.0.1', port, tls: tlsOptions, credentials, pingMs = 10000 }) {
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        const bus = new Bus(socket);
        bus.write({ type: 'ping', headers: credentials });
        bus.barrier().then(() => {
          bus.keepAlive(pingMs);
          resolve(bus);
        }, reject);
      };
      const socket = tlsOptions
        ? tls.connect({ host, port, ...tlsOptions }, onConnect)
        : net.connect({ host, port }, onConnect);
      socket.once('error', reject);
    });
  }

  write(frame) {
    if (!this.closed) this.socket.write(encode(frame));
  }

  send(address, body, headers = {}) {
    this.write({ type: 'send', address, headers, body });
  }

  publish(address, body, headers = {}) {
    this.write({ type: 'publish', address, headers, body });
  }

  /** A request: resolves with the reply frame, rejects with the err frame or after timeoutMs. */
  request(address, body, { headers = {}, timeoutMs = 10000 } = {}) {
    const replyAddress = `tcp.reply.${randomUUID()}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(replyAddress);
        reject(new Error(`timeout after ${timeoutMs} ms on ${address}`));
      }, timeoutMs);
      this.pending.set(replyAddress, { resolve, reject, timer });
      this.write({ type: 'send', address, replyAddress, headers: { ...headers, timeout: timeoutMs }, body });
    });
  }

  /** Listens on an address; resolves when the bridge accepted it, rejects when it refused. */
  register(address, handler) {
    this.handlers.set(address, handler);
    this.write({ type: 'register', address });
    return this.barrier().catch((e) => {
      this.handlers.delete(address);
      throw e;
    });
  }

  /**
   * Resolves when every frame written so far has been handled by the bridge: a ping answered by pong, since the
   * bridge handles a connection's frames in order. Rejects if an error frame or a close came first.
   */
  barrier() {
    return new Promise((resolve, reject) => {
      this.barriers.push({ resolve, reject, errorsBefore: this.errors.length });
      this.write({ type: 'ping' });
    });
  }

  keepAlive(ms) {
    this.pinger = setInterval(() => this.write({ type: 'ping' }), ms);
    this.pinger.unref();
  }

  close() {
    this.socket.end();
  }

  dispatch(frame) {
    if (frame.type === 'pong') {
      const barrier = this.barriers.shift();
      if (!barrier) return;
      const error = this.errors.slice(barrier.errorsBefore).pop();
      this.errors = [];
      this.barriers.forEach((b) => { b.errorsBefore = 0; });
      if (error) barrier.reject(new Error(error.message || 'refused'));
      else barrier.resolve();
    } else if (frame.type === 'err' && frame.address && this.pending.has(frame.address)) {
      // a refused request: the bridge follows this with its generic error frame, which belongs to it
      this.swallowBlocked = frame.failureCode === 403;
      this.settle(frame.address, null, frame);
    } else if (frame.type === 'err' && this.swallowBlocked && frame.message === BLOCKED) {
      this.swallowBlocked = false;
    } else if (frame.type === 'err') {
      this.errors.push(frame);
      this.emit('error-frame', frame);
    } else if (frame.type === 'message' && this.pending.has(frame.address)) {
      this.settle(frame.address, frame, null);
    } else if (frame.type === 'message') {
      const handler = this.handlers.get(frame.address);
      if (handler) handler(frame, this);
      this.emit('message', frame);
    }
  }

  settle(replyAddress, frame, error) {
    const p = this.pending.get(replyAddress);
    this.pending.delete(replyAddress);
    clearTimeout(p.timer);
    if (error) p.reject(Object.assign(new Error(error.message || 'failed'), { frame: error }));
    else p.resolve(frame);
  }

  /** Answers a message received with a replyAddress. */
  reply(frame, body) {
    if (frame.replyAddress) this.write({ type: 'send', address: frame.replyAddress, body });
  }

  onClose() {
    this.closed = true;
    clearInterval(this.pinger);
    const closed = new Error('connection closed');
    this.barriers.splice(0).forEach((b) => b.reject(closed));
    for (const [address] of this.pending) this.settle(address, null, { message: 'connection closed' });
    this.emit('close');
  }
}

module.exports = { Bus, FrameReader, encode };
