'use strict'

const http = require('http')
const errors = require('./errors')

const FAKE_AUTH = 'AWS4-HMAC-SHA256 Credential=gateway/20200101/us-east-1/dynamodb/aws4_request, ' +
  'SignedHeaders=host;x-amz-date;x-amz-target, Signature=0'

/** HTTP client for the in-process dynalite server on a loopback port. */
class Upstream {
  constructor (port) {
    this.port = port
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  }

  /** Forwards a client request verbatim; resolves {status, headers, body(Buffer)}. */
  forward (method, url, headers, body) {
    const fwd = {}
    for (const [name, value] of Object.entries(headers)) {
      if (name !== 'host' && name !== 'connection' && name !== 'keep-alive') fwd[name] = value
    }
    fwd['content-length'] = body.length
    return this.send(fwd, body, method, url)
  }

  /** Calls one operation with a JSON payload; resolves the parsed answer or rejects with a DynamoError. */
  async call (operation, payload) {
    const body = Buffer.from(JSON.stringify(payload))
    const answer = await this.send({
      'content-type': 'application/x-amz-json-1.0',
      'content-length': body.length,
      'x-amz-target': 'DynamoDB_20120810.' + operation,
      'x-amz-date': '20200101T000000Z',
      authorization: FAKE_AUTH,
    }, body)
    let parsed
    try {
      parsed = answer.body.length ? JSON.parse(answer.body.toString('utf8')) : {}
    } catch (e) {
      throw errors.internal('unparseable dynalite answer to ' + operation)
    }
    if (answer.status !== 200) throw errors.fromUpstream(answer.status, parsed)
    return parsed
  }

  send (headers, body, method, url) {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port: this.port, method: method || 'POST', path: url || '/', headers, agent: this.agent,
      }, res => {
        const chunks = []
        res.on('data', c => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      req.on('error', err => reject(errors.internal('dynalite unreachable: ' + err.message)))
      req.end(body)
    })
  }

  close () {
    this.agent.destroy()
  }
}

module.exports = { Upstream }
