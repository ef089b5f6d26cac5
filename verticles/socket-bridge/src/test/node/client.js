// One bridge client driven by JSON-line commands on stdin; prints what happens as JSON lines on stdout.
// Usage: node client.js <sockjs-url> <token|-> [url|header]
//   url    (default) the token goes as ?token= on the connection URL
//   header the token goes as a `token` header on every frame (eb.defaultHeaders)
// Commands: {"op":"register","address"} {"op":"unregister","address"} {"op":"send","address","body","tag"?}
//           {"op":"publish","address","body"} {"op":"raw","frame"} {"op":"resume","address","lastId"} {"op":"close"}
// Output:   {"type":"open"} {"type":"msg","address","body"} {"type":"reply","tag","body"}
//           {"type":"reply-error","tag","failureCode","message"} {"type":"error","body"} {"type":"close"}
'use strict';
const EventBus = require('@vertx/eventbus-bridge-client.js');
const readline = require('readline');
const { subscribeWithReplay } = require('./reeyo-realtime');

const [url, token, mode = 'url'] = process.argv.slice(2);
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const target = token !== '-' && mode === 'url' ? `${url}?token=${encodeURIComponent(token)}` : url;

const eb = new EventBus(target, { transports: ['websocket'], timeout: 20000 });
if (token !== '-' && mode === 'header') {
  eb.defaultHeaders = { token };
}
eb.enableReconnect(false);
eb.onopen = () => out({ type: 'open' });
eb.onclose = () => {
  out({ type: 'close' });
  process.exit(0);
};
eb.onerror = (err) => out({ type: 'error', body: err && err.body !== undefined ? err.body : err });

function run(cmd) {
  switch (cmd.op) {
    case 'register':
      eb.registerHandler(cmd.address, (err, msg) => {
        if (err) out({ type: 'error', address: cmd.address, body: err });
        else out({ type: 'msg', address: msg.address, body: msg.body });
      });
      break;
    case 'unregister':
      eb.unregisterHandler(cmd.address, eb.handlers[cmd.address] && eb.handlers[cmd.address][0]);
      break;
    case 'send':
      if (cmd.tag) {
        eb.send(cmd.address, cmd.body, cmd.headers || {}, (err, reply) => {
          if (err) out({ type: 'reply-error', tag: cmd.tag, failureCode: err.failureCode, message: err.message });
          else out({ type: 'reply', tag: cmd.tag, body: reply.body });
        });
      } else {
        eb.send(cmd.address, cmd.body, cmd.headers || {});
      }
      break;
    case 'publish':
      eb.publish(cmd.address, cmd.body, cmd.headers || {});
      break;
    case 'raw':
      eb.sockJSConn.send(typeof cmd.frame === 'string' ? cmd.frame : JSON.stringify(cmd.frame));
      break;
    case 'resume':
      subscribeWithReplay(eb, cmd.address, cmd.lastId,
        (msg, replayed) => out({ type: 'msg', address: cmd.address, body: msg, replayed }),
        (page) => out({ type: 'replayed', address: cmd.address, count: page.items.length, complete: page.complete }));
      break;
    case 'close':
      eb.close();
      break;
    default:
      out({ type: 'bad-command', cmd });
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    run(JSON.parse(line));
  } catch (e) {
    out({ type: 'exception', message: String(e && e.message) });
  }
});
process.stdin.on('end', () => process.exit(0));
