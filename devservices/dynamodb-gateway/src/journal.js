'use strict'

const fs = require('fs')
const path = require('path')
const { restore } = require('./transact-write')

const FILE_NAME = 'gateway-undo.json'

/**
 * Undo journal for persistent mode (--path): before a transaction writes anything, its before-images
 * are written and fsynced to a file, removed again once the transaction committed or rolled back.
 * If the process dies mid-transaction, the next start restores those before-images first.
 * Without --path the journal does nothing (the data dies with the process anyway).
 */
class Journal {
  constructor (dir) {
    this.file = dir ? path.join(dir, FILE_NAME) : null
  }

  begin (entries) {
    if (!this.file) return
    const fd = fs.openSync(this.file, 'w')
    try {
      fs.writeSync(fd, JSON.stringify(entries))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  }

  end () {
    if (this.file) fs.rmSync(this.file, { force: true })
  }

  /** Restores the before-images of a transaction interrupted by a crash; resolves how many items. */
  async recover (upstream) {
    if (!this.file || !fs.existsSync(this.file)) return 0
    let entries
    try {
      entries = JSON.parse(fs.readFileSync(this.file, 'utf8'))
    } catch (e) {
      entries = [] // torn write: the transaction had not started writing
    }
    for (const entry of entries) await restore(upstream, entry.TableName, entry.Key, entry.Before)
    this.end()
    return entries.length
  }
}

module.exports = { Journal }
