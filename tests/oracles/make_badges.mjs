#!/usr/bin/env node
// The test oracle for odometer's badges: shields' own renderer.
//
// Reads a JSON array of badges on stdin, each {label, message, color,
// labelColor} (the fields of a shields endpoint document; other fields and
// absent ones are left out), and writes one line per badge on stdout: the
// SVG badge-maker renders with style "flat". Exits 1, saying why, if the
// installed badge-maker is not the version package.json pins (run `npm ci`
// here; scripts/test.sh does) or a badge's SVG would not fit on one line.

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

function fail(message) {
  process.stderr.write(`make_badges: ${message}\n`)
  process.exit(1)
}

const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[
  'badge-maker'
]
let installed
try {
  installed = JSON.parse(
    readFileSync(join(here, 'node_modules', 'badge-maker', 'package.json'), 'utf8'),
  ).version
} catch {
  fail(`badge-maker is not installed in ${here}/node_modules: run npm ci there`)
}
if (installed !== pinned) {
  fail(`badge-maker ${installed} is installed but ${pinned} is pinned: run npm ci in ${here}`)
}

const { makeBadge } = await import('badge-maker')

const badges = JSON.parse(readFileSync(0, 'utf8'))
if (!Array.isArray(badges)) {
  fail('stdin is not a JSON array')
}
const lines = badges.map((badge, index) => {
  const format = { style: 'flat', message: badge.message }
  for (const key of ['label', 'color', 'labelColor']) {
    if (badge[key] !== undefined && badge[key] !== null) {
      format[key] = badge[key]
    }
  }
  const svg = makeBadge(format)
  if (svg.includes('\n')) {
    fail(`badge ${index} has a line break in its SVG`)
  }
  return svg
})
process.stdout.write(lines.map(line => `${line}\n`).join(''))
